package io.opsgate.engine.security;

import io.opsgate.engine.domain.OutboxAlert;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.tenant.TenantRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Security notices: written to the tenant's outbox for {@code spec.security.noticeChannel}, bypassing the
 * rules, and delivered by notify like any notification (retries, dead letters). A notice is one
 * {@code type: "notice"} entry with one alert whose labels are {@code alertname} (the title),
 * {@code severity} and {@code kind}, and whose annotations are {@code summary} and {@code description}.
 */
public final class Notices {
    private static final Logger LOG = LoggerFactory.getLogger(Notices.class);
    public static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

    /**
     * What happened to a notice.
     *
     * @param queued  whether it was written to the outbox
     * @param channel the notice channel, or null
     * @param reason  why it was not queued, or null
     */
    public record Result(boolean queued, String channel, String reason) {
    }

    private final TenantRegistry registry;
    private final Clock clock;

    Notices(TenantRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Queues a notice; completes once it is durable in the outbox (or at once when it cannot be sent). */
    public CompletableFuture<Result> send(String tenant, String title, String body, String severity, String kind) {
        TenantRuntime rt = registry.tenant(tenant);
        if (rt == null) {
            return CompletableFuture.completedFuture(new Result(false, null, "tenant " + tenant + " does not run"));
        }
        var security = rt.config().compiled.tenantSpec.security;
        String channel = security == null ? null : security.noticeChannel;
        if (channel == null || channel.isBlank()) {
            LOG.info("tenant {}: security notice \"{}\" not sent: no spec.security.noticeChannel", tenant, title);
            return CompletableFuture.completedFuture(new Result(false, null, "no noticeChannel"));
        }
        OutboxEntry e = new OutboxEntry();
        e.type = "notice";
        e.rule = "security-notice";
        e.channels.add(channel);
        e.status = "firing";
        e.title = title;
        e.groupKey = "notice:" + kind;
        e.groupLabels = new TreeMap<>(Map.of("alertname", title, "kind", kind));
        Map<String, String> labels = new TreeMap<>(Map.of("alertname", title, "severity", severity, "kind", kind));
        Map<String, String> annotations = new TreeMap<>(Map.of("summary", title, "description", body == null ? "" : body));
        e.alerts = List.of(new OutboxAlert("notice", "firing", labels, annotations,
                Instant.ofEpochMilli(clock.millis()).toString(), null, null));
        return rt.notice(e).thenApply(seq -> new Result(true, channel, null));
    }
}
