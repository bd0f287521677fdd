package io.opsgate.engine.tenant;

import io.opsgate.engine.config.RateLimiter;
import io.opsgate.engine.config.TenantConfig;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.pipeline.Lane;
import io.opsgate.engine.pipeline.TenantEngine;
import io.opsgate.engine.store.TenantStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * A running tenant: its store, its lane with the engine that owns the tenant's state, its rate limiter,
 * and the configuration in force. The configuration is swapped atomically on reload; the lane and the
 * engine stay, so nothing in flight is dropped.
 */
public final class TenantRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(TenantRuntime.class);

    private final String name;
    private final TenantStore store;
    private final Lane lane;
    private final TenantEngine engine;
    private final EngineMetrics.TenantMeters meters;
    private volatile TenantConfig config;
    private volatile RateLimiter rateLimiter;
    private final java.util.Map<Class<?>, Object> features = new java.util.concurrent.ConcurrentHashMap<>();

    TenantRuntime(String name, TenantStore store, Clock clock, EngineMetrics.TenantMeters meters, long tickMillis) {
        this.name = name;
        this.store = store;
        this.meters = meters;
        this.lane = new Lane(name);
        this.engine = new TenantEngine(name, store, clock, meters);
        lane.call(() -> {
            engine.load();
            return null;
        }).join();
        meters.gauges(engine::activeTickets, engine::outboxDepth);
        lane.every(tickMillis, () -> engine.tick().whenComplete((v, e) -> {
            if (e != null) {
                LOG.error("timers of tenant {} could not commit: {}", name, e.getMessage());
            }
        }));
    }

    /** Installs a configuration; returns once the lane applied it. */
    void install(TenantConfig next) {
        TenantConfig previous = this.config;
        lane.call(() -> {
            engine.configure(next.rules, next.alertRetentionMillis, next.ticketRetentionMillis);
            return null;
        }).join();
        if (previous == null || previous.ratePerSecond != next.ratePerSecond || previous.rateBurst != next.rateBurst) {
            this.rateLimiter = new RateLimiter(next.ratePerSecond, next.rateBurst);
        }
        this.config = next;
    }

    public String name() {
        return name;
    }

    public TenantConfig config() {
        return config;
    }

    public Lane lane() {
        return lane;
    }

    /** The engine; call it only through {@link #lane()}. */
    public TenantEngine engine() {
        return engine;
    }

    /** The tenant's store, for components that keep their own records in it under their own key prefix. */
    public TenantStore store() {
        return store;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public EngineMetrics.TenantMeters meters() {
        return meters;
    }

    /** Attaches a per-tenant feature (its monitors, its jobs) that routes look up by type. */
    public <T> void attach(Class<T> type, T feature) {
        features.put(type, feature);
    }

    /** The feature attached under {@code type}, or null. */
    public <T> T feature(Class<T> type) {
        return type.cast(features.get(type));
    }

    void close() {
        lane.shutdown();
        store.close();
    }
}
