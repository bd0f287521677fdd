package io.opsgate.engine.http;

import io.opsgate.engine.domain.Silence;
import io.opsgate.engine.tenant.TenantRuntime;

import java.util.concurrent.CompletionStage;

/** GET /api/v2/silence/{id}. */
final class GetSilenceHandler implements Operation {

    @Override
    public CompletionStage<Reply> handle(Call call) {
        String id = call.pathParam("id");
        TenantRuntime tenant = call.tenant();
        return tenant.lane().call(() -> {
            Silence s = tenant.silences().get(id);
            if (s == null) {
                throw new ApiError(404, "silence " + id + " not found").field("id");
            }
            return Reply.json(200, SilenceJson.one(s, tenant.silences().now()));
        });
    }
}
