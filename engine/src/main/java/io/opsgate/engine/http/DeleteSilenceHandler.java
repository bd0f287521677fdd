package io.opsgate.engine.http;

import io.opsgate.engine.tenant.TenantRuntime;

import java.util.concurrent.CompletionStage;

/** DELETE /api/v2/silence/{id}: expires the silence now. */
final class DeleteSilenceHandler implements Operation {

    @Override
    public CompletionStage<Reply> handle(Call call) {
        String id = call.pathParam("id");
        TenantRuntime tenant = call.tenant();
        return tenant.lane().submit(() -> tenant.silences().expire(id)).thenApply(v -> Reply.empty(200));
    }
}
