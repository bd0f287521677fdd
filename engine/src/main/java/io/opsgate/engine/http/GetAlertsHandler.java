package io.opsgate.engine.http;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.opsgate.api.matcher.Matcher;
import io.opsgate.api.matcher.MatcherParser;
import io.opsgate.engine.alerting.AlertQuery;
import io.opsgate.engine.tenant.TenantRuntime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** GET /api/v2/alerts with Alertmanager's filter, active, silenced, inhibited, unprocessed and receiver. */
final class GetAlertsHandler implements Operation {

    @Override
    public CompletionStage<Reply> handle(Call call) {
        List<Matcher> matchers = filters(call.queryParams("filter"));
        Pattern receiver = null;
        String r = call.queryParam("receiver");
        if (r != null && !r.isEmpty()) {
            try {
                receiver = Pattern.compile("^(?:" + r + ")$");
            } catch (PatternSyntaxException e) {
                throw ApiError.badRequest("receiver is not a valid regex: " + e.getDescription()).field("receiver");
            }
        }
        call.flag("unprocessed", true);
        AlertQuery q = new AlertQuery(matchers, call.flag("active", true), call.flag("silenced", true),
                call.flag("inhibited", true), receiver);
        TenantRuntime tenant = call.tenant();
        return tenant.lane().call(() -> tenant.alerts().alerts(q)).thenApply(list -> Reply.json(200, AlertJson.list(list)));
    }

    /** Parses filter parameters: each a matcher, or a braced list as amtool sends. */
    static List<Matcher> filters(List<String> values) {
        List<Matcher> result = new ArrayList<>();
        for (String f : values) {
            try {
                result.addAll(MatcherParser.parseList(f));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("filter \"" + f + "\" is not a matcher: " + e.getMessage()).field("filter");
            }
        }
        return result;
    }
}
