package io.opsgate.engine.security;

import io.opsgate.engine.domain.OutboxAlert;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.tenant.TenantRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Security notices: recorded for the tenant ({@link NoticeRecords}, GET /api/v1/notices) and written to the
 * tenant's outbox for {@code spec.security.noticeChannel}, bypassing the rules, and delivered by notify like any notification (retries, dead letters). A notice is one
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
    private final NoticeRecords records = new NoticeRecords();
    private final Function<String, Duration> retention;

    /** @param retention a tenant's spec.retention.logs, how long its notices are kept */
    Notices(TenantRegistry registry, Clock clock, Function<String, Duration> retention) {
        this.registry = registry;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * The notices a tenant received, newest first, below the sequence {@code before} (0: from the newest), at most
     * {@code limit}; those past the tenant's log retention are deleted first.
     */
    public List<NoticeRecords.Notice> list(TenantRuntime tenant, long before, int limit) {
        return records.page(tenant, before, limit, clock.millis(), retention.apply(tenant.name()));
    }

    /**
     * Records a notice and queues it for the notice channel; completes once both are durable (or, without a
     * channel, once it is recorded).
     */
    public CompletableFuture<Result> send(String tenant, String title, String body, String severity, String kind) {
        TenantRuntime rt = registry.tenant(tenant);
        if (rt == null) {
            return CompletableFuture.completedFuture(new Result(false, null, "tenant " + tenant + " does not run"));
        }
        var security = rt.config().compiled.tenantSpec.security;
        String channel = security == null ? null : security.noticeChannel;
        NoticeRecords.Notice notice = new NoticeRecords.Notice();
        notice.time = clock.millis();
        notice.kind = kind;
        notice.severity = severity;
        notice.title = title;
        notice.body = body == null ? "" : body;
        if (channel == null || channel.isBlank()) {
            LOG.info("tenant {}: security notice \"{}\" not sent: no spec.security.noticeChannel", tenant, title);
            notice.reason = "no noticeChannel";
            return records.record(rt, notice, retention.apply(tenant))
                    .thenApply(n -> new Result(false, null, notice.reason));
        }
        notice.channel = channel;
        notice.queued = true;
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
        return records.record(rt, notice, retention.apply(tenant)).thenCompose(n -> rt.notice(e))
                .thenApply(seq -> new Result(true, channel, null));
    }
}
