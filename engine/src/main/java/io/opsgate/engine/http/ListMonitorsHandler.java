package io.opsgate.engine.http;

import io.opsgate.engine.monitors.MonitorService;
import io.opsgate.engine.monitors.MonitorView;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GET /api/v1/monitors: every monitor of the tenant with its latest result, last change, latency and whether
 * its alert fires. Times are RFC 3339, absent when there was none yet.
 */
final class ListMonitorsHandler implements Operation {
    private final MonitorService monitors;

    ListMonitorsHandler(MonitorService monitors) {
        this.monitors = monitors;
    }

    @Override
    public CompletionStage<Reply> handle(Call call) {
        List<MonitorView> views = monitors.views(call.tenant().name());
        return CompletableFuture.completedFuture(Reply.json(200, Json.write(g -> {
            g.writeStartArray();
            for (MonitorView v : views) {
                g.writeStartObject();
                g.writeStringField("name", v.name());
                g.writeStringField("type", v.type());
                g.writeStringField("target", v.target());
                g.writeStringField("state", v.state());
                g.writeStringField("message", v.message());
                g.writeNumberField("latencyMillis", v.latencyMillis());
                if (v.checkedAt() > 0) {
                    g.writeStringField("checkedAt", Json.time(v.checkedAt()));
                }
                if (v.lastChange() > 0) {
                    g.writeStringField("lastChange", Json.time(v.lastChange()));
                }
                g.writeNumberField("failures", v.failures());
                g.writeBooleanField("firing", v.firing());
                if (v.pushPath() != null) {
                    g.writeStringField("pushPath", v.pushPath());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        })));
    }
}
