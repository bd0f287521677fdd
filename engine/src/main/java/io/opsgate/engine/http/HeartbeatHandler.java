package io.opsgate.engine.http;

import io.opsgate.engine.monitors.MonitorService;
import io.opsgate.engine.monitors.TenantMonitors;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * POST or GET /api/v1/heartbeats/{monitor} (Ingest scope): the ping of a Heartbeat monitor, so a cron job
 * ends with {@code curl -fsS -X POST -H "Authorization: Bearer $TOKEN" https://.../api/v1/heartbeats/nightly-backup}.
 * A body is read and ignored.
 */
final class HeartbeatHandler implements Operation {
    private final MonitorService monitors;

    HeartbeatHandler(MonitorService monitors) {
        this.monitors = monitors;
    }

    @Override
    public CompletionStage<Reply> handle(Call call) {
        String name = call.pathParam("monitor");
        TenantMonitors.PingResult result = monitors.ping(call.tenant().name(), name);
        return switch (result) {
            case OK -> CompletableFuture.completedFuture(Reply.json(200, Json.write(g -> {
                g.writeStartObject();
                g.writeStringField("monitor", name);
                g.writeStringField("status", "ok");
                g.writeEndObject();
            })));
            case NO_SUCH_MONITOR -> throw new ApiError(404, "no Monitor \"" + name + "\" in this tenant").field("monitor");
            case NOT_A_HEARTBEAT -> throw new ApiError(409, "Monitor \"" + name + "\" is not of type Heartbeat")
                    .field("monitor");
        };
    }
}
