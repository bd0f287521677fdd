package io.opsgate.engine.http;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.opsgate.engine.alerting.AlertGroupView;
import io.opsgate.engine.alerting.AlertQuery;
import io.opsgate.engine.alerting.AlertView;
import io.opsgate.engine.tenant.TenantRuntime;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * GET /api/v2/alerts/groups as Alertmanager serves it (Grafana's alert-groups view and Karma read it): a list of
 * {@code {labels, receiver: {name}, alerts: [gettableAlert]}}, with Alertmanager's filter, receiver, active,
 * silenced and inhibited parameters, and {@code muted} (default true): false leaves out the groups whose rule's
 * mute or active time windows keep it from notifying now.
 */
final class GetAlertGroupsHandler implements Operation {

    @Override
    public CompletionStage<Reply> handle(Call call) {
        Pattern receiver = null;
        String r = call.queryParam("receiver");
        if (r != null && !r.isEmpty()) {
            try {
                receiver = Pattern.compile("^(?:" + r + ")$");
            } catch (PatternSyntaxException e) {
                throw ApiError.badRequest("receiver is not a valid regex: " + e.getDescription()).field("receiver");
            }
        }
        AlertQuery q = new AlertQuery(GetAlertsHandler.filters(call.queryParams("filter")), call.flag("active", true),
                call.flag("silenced", true), call.flag("inhibited", true), receiver);
        boolean muted = call.flag("muted", true);
        TenantRuntime tenant = call.tenant();
        return tenant.lane().call(() -> tenant.alerts().groups(q, muted)).thenApply(groups -> Reply.json(200, list(groups)));
    }

    static byte[] list(List<AlertGroupView> groups) {
        return Json.write(g -> {
            g.writeStartArray();
            for (AlertGroupView group : groups) {
                g.writeStartObject();
                g.writeArrayFieldStart("alerts");
                for (AlertView a : group.alerts()) {
                    AlertJson.write(g, a);
                }
                g.writeEndArray();
                Json.stringMap(g, "labels", group.labels());
                g.writeObjectFieldStart("receiver");
                g.writeStringField("name", group.receiver());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
