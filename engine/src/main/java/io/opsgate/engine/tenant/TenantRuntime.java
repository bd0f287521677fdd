package io.opsgate.engine.tenant;

import io.opsgate.engine.alerting.AlertQueries;
import io.opsgate.engine.alerting.SilenceOperations;
import io.opsgate.engine.config.RateLimiter;
import io.opsgate.engine.config.TenantConfig;
import io.opsgate.engine.domain.IncomingAlert;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.handoff.Outbox;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.pipeline.Lane;
import io.opsgate.engine.pipeline.RuleMatchListener;
import io.opsgate.engine.pipeline.TenantEngine;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.tickets.TicketNotes;
import io.opsgate.engine.tickets.TicketOperations;
import io.opsgate.engine.tickets.TicketRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * A running tenant: its store, its lane with the pipeline that owns the tenant's state, its rate limiter, and
 * the configuration in force. The configuration is swapped atomically on reload; the lane and the pipeline
 * stay, so nothing in flight is dropped. The parts of the pipeline the API reads and changes
 * ({@link #silences}, {@link #tickets}, {@link #alerts}) may be called only on {@link #lane()}.
 */
public final class TenantRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(TenantRuntime.class);

    private final String name;
    private final TenantStore store;
    private final Lane lane;
    private final TenantEngine engine;
    private final EngineMetrics.TenantMeters meters;
    private final TicketNotes ticketNotes;
    private final TenantSuspensions suspensions;
    private volatile TenantConfig config;
    private volatile RateLimiter rateLimiter;

    TenantRuntime(String name, TenantStore store, Clock clock, EngineMetrics.TenantMeters meters, long tickMillis) {
        this.name = name;
        this.store = store;
        this.meters = meters;
        this.lane = new Lane(name);
        this.engine = new TenantEngine(name, store, clock, meters);
        this.ticketNotes = new LaneTicketNotes(lane, engine.tickets());
        this.suspensions = new TenantSuspensions(store, () -> config == null ? null : config.compiled);
        engine.suspensions(suspensions::effective);
        lane.call(() -> {
            engine.load();
            return null;
        }).join();
        meters.gauges(engine::activeTickets, engine.outbox()::depth);
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

    /** The pipeline, for a caller already on {@link #lane()} (one that reads before it ingests). */
    public TenantEngine engine() {
        return engine;
    }

    /** Takes a batch through the pipeline on the lane; completes once everything it changed is durable. */
    public CompletableFuture<Void> ingest(List<IncomingAlert> batch) {
        return lane.submit(() -> engine.ingest(batch));
    }

    /** Writes a notification to the outbox outside the rules (security notices); completes with its sequence. */
    public CompletableFuture<Long> notice(OutboxEntry entry) {
        return lane.submit(() -> engine.notice(entry));
    }

    /**
     * Opens a ticket a person asked for, on the lane, and tells the tenant's request channel
     * ({@code spec.console.requestChannel}) in the same commit; completes with the ticket once durable.
     */
    public CompletableFuture<Ticket> openByHand(TicketRequest request, String actor) {
        var console = config.compiled.tenantSpec.console;
        String channel = console == null ? null : console.requestChannel;
        return lane.submit(() -> engine.openByHand(request, actor, channel));
    }

    /** The silences API; only on {@link #lane()}. */
    public SilenceOperations silences() {
        return engine.silences();
    }

    /** The tickets API; only on {@link #lane()}. */
    public TicketOperations tickets() {
        return engine.tickets();
    }

    /** The alerts API's reads; only on {@link #lane()}. */
    public AlertQueries alerts() {
        return engine.alerts();
    }

    /** The outbox, whose entries the handoff hands to notify. */
    public Outbox outbox() {
        return engine.outbox();
    }

    /** The port delivery reports come back to tickets through; it runs on the lane. */
    public TicketNotes ticketNotes() {
        return ticketNotes;
    }

    /** Tells {@code listener} of rule matches from now on (OpsJob triggers); {@link RuleMatchListener#NONE} to stop. */
    public CompletableFuture<Void> onRuleMatch(RuleMatchListener listener) {
        return lane.call(() -> {
            engine.onRuleMatch(listener);
            return null;
        });
    }

    /** Tells {@code listener} of the changes the engine makes by itself (retention), as (action, detail). */
    public CompletableFuture<Void> onEngineAction(BiConsumer<String, String> listener) {
        return lane.call(() -> {
            engine.onEngineAction(listener);
            return null;
        });
    }

    /** The OperationsSuspensions in force and those requested through the API. */
    public TenantSuspensions suspensions() {
        return suspensions;
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

    void close() {
        lane.shutdown();
        store.close();
    }
}
