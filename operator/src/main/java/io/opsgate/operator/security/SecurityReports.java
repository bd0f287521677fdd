package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.api.v1alpha1.AccessLogCheckpoint;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.tenant.model.Workload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The latest answer of each workload's {@code GET /internal/v1/security} per tenant, fetched in the
 * background at most every {@link #MIN_INTERVAL} (by default): a reconcile reads what is known and never waits for a
 * workload that may not be up yet. Ingest is asked with the access log's checkpoint from the Tenant status.
 */
public final class SecurityReports {

    static final Duration MIN_INTERVAL = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(SecurityReports.class);

    private final EngineAccess engines;
    private final Executor executor;
    private final Clock clock;
    private final Consumer<String> changed;
    private final Duration interval;
    private final Map<String, Map<Workload, JsonNode>> latest = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastFetch = new ConcurrentHashMap<>();

    /**
     * @param changed told the Tenant's name when a report differs from the one before, so the Tenant's
     *                status picks it up without waiting for the next periodic reconcile
     */
    public SecurityReports(EngineAccess engines, Executor executor, Clock clock, Consumer<String> changed,
                           Duration interval) {
        this.engines = engines;
        this.executor = executor;
        this.clock = clock;
        this.changed = changed;
        this.interval = interval;
    }

    /** The latest report of {@code workload}, if one was received. */
    public Optional<JsonNode> of(Tenant tenant, Workload workload) {
        return Optional.ofNullable(latest.getOrDefault(tenant.getMetadata().getName(), Map.of()).get(workload));
    }

    /** Asks both workloads again unless that was done within the interval. */
    public void refresh(Tenant tenant) {
        String name = tenant.getMetadata().getName();
        Instant now = clock.instant();
        Instant last = lastFetch.get(name);
        if (last != null && last.plus(interval).isAfter(now)) {
            return;
        }
        lastFetch.put(name, now);
        executor.execute(() -> {
            for (Workload w : Workload.values()) {
                try {
                    String ns = tenant.namespaceName();
                    EngineClient.Answer a = engines.client(tenant).get(engines.endpoints().of(ns, w),
                            EngineClient.SECURITY_PATH + "?tenant=" + name + (w == Workload.INGEST ? checkpoint(tenant) : ""));
                    if (a.ok() && a.body().isObject()) {
                        JsonNode before = latest.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(w, a.body());
                        if (!evidenceOf(a.body()).equals(before == null ? null : evidenceOf(before))) {
                            changed.accept(name);
                        }
                    } else {
                        LOG.debug("tenant {}: {} security report: {} {}", name, w.component(), a.status(), a.body());
                    }
                } catch (Exception e) {
                    LOG.debug("tenant {}: {} security report unavailable: {}", name, w.component(), e.toString());
                }
            }
        });
    }

    /**
     * The checkpoint the Tenant status keeps ({@code status.accessLog}), sent along so that ingest verifies its log
     * still holds it.
     */
    static String checkpoint(Tenant tenant) {
        AccessLogCheckpoint c = tenant.getStatus() == null ? null : tenant.getStatus().accessLog;
        return c == null || c.headHash == null ? "" : "&checkpoint=" + c.headSeq + ":" + c.headHash;
    }

    /**
     * The part of a report the status reads; the time and counters change on every call. The access log's head is
     * part of it, so a growing log moves the status checkpoint within one interval, not only at the periodic
     * reconcile.
     */
    static JsonNode evidenceOf(JsonNode report) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = report.deepCopy();
        copy.remove("time");
        if (copy.path("accessLog").isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("accessLog"))
                    .retain("chainVerified", "keyed", "problem", "headSeq", "anchorSeq", "checkpoint");
        }
        return copy;
    }

    /** Forgets a deleted tenant. */
    public void forget(Tenant tenant) {
        latest.remove(tenant.getMetadata().getName());
        lastFetch.remove(tenant.getMetadata().getName());
    }

    /** Reports of both workloads, for tests and the controls builder. */
    Map<Workload, JsonNode> all(Tenant tenant) {
        Map<Workload, JsonNode> m = new EnumMap<>(Workload.class);
        m.putAll(latest.getOrDefault(tenant.getMetadata().getName(), Map.of()));
        return m;
    }
}
