package io.opsgate.engine.http;

import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** GET /api/v2/receivers: the tenant's NotificationChannels, as Alertmanager lists its receivers. */
final class GetReceiversHandler implements Operation {

    @Override
    public CompletionStage<Reply> handle(Call call) {
        var channels = call.tenant().config().compiled.notificationChannels;
        return CompletableFuture.completedFuture(Reply.json(200, Json.write(g -> {
            g.writeStartArray();
            for (NamedSpec<NotificationChannelSpec> c : channels) {
                g.writeStartObject();
                g.writeStringField("name", c.name);
                g.writeEndObject();
            }
            g.writeEndArray();
        })));
    }
}
