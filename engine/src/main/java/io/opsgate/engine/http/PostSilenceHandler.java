package io.opsgate.engine.http;

import io.opsgate.engine.alerting.SilenceRequest;
import io.opsgate.engine.tenant.TenantRuntime;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * POST /api/v2/silences: creates or updates a silence; answers {"silenceID": id}. With a session, createdBy is the
 * signed-in person, never the body's.
 */
final class PostSilenceHandler implements Operation {

    @Override
    public CompletionStage<Reply> handle(Call call) {
        SilenceRequest req = SilenceParser.parse(call.body, call.person());
        TenantRuntime tenant = call.tenant();
        return tenant.lane().submit(() -> tenant.silences().post(req))
                .thenApply(id -> Reply.json(200, Json.value(Map.of("silenceID", id))));
    }
}
