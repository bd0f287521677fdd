package io.opsgate.engine.monitors;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.defaults.Defaults;
import io.opsgate.api.time.Durations;
import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.engine.alerting.AlertView;
import io.opsgate.engine.alerting.Fingerprints;
import io.opsgate.engine.domain.IncomingAlert;
import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.egress.EgressGates;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.tenant.TenantRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The monitors of one tenant, following its configuration: each pulled monitor is checked every interval
 * (the first check spread over up to one interval, at most 10 s, later ones a little jittered), never
 * two checks of one monitor at a time; a heartbeat waits for pings. Results feed the monitor's alert into
 * the tenant's pipeline like any other alert. A reload keeps monitors whose spec did not change, restarts
 * changed ones (keeping their state when their alert stays the same) and stops removed ones, resolving
 * what they had firing.
 */
public final class TenantMonitors {
    /** The tenant API path a heartbeat is pinged at: this plus the Monitor's name. */
    public static final String HEARTBEAT_PATH = "/api/v1/heartbeats/";
    private static final Logger LOG = LoggerFactory.getLogger(TenantMonitors.class);
    private static final long MAX_FIRST_DELAY_MILLIS = 10_000;
    private static final long HEARTBEAT_REFRESH_MILLIS = 60_000;

    private final TenantRuntime tenant;
    private final MonitorService service;
    private final Map<String, Running> monitors = new HashMap<>();
    private CompiledConfig gateFrom;
    private EgressGate gate;

    TenantMonitors(TenantRuntime tenant, MonitorService service) {
        this.tenant = tenant;
        this.service = service;
    }

    /** The tenant's egress as its configuration in force grants it. */
    synchronized EgressGate gate() {
        CompiledConfig c = tenant.config().compiled;
        if (c != gateFrom) {
            gate = EgressGates.of(c, service.resources.resolver());
            gateFrom = c;
        }
        return gate;
    }

    /** What a ping found. */
    public enum PingResult { OK, NO_SUCH_MONITOR, NOT_A_HEARTBEAT }

    /** Installs the monitors of a configuration. */
    synchronized void apply(List<NamedSpec<MonitorSpec>> specs) {
        Map<String, Running> next = new HashMap<>();
        for (NamedSpec<MonitorSpec> named : specs) {
            MonitorSpec spec = Defaults.monitor(RecordCodec.mapper().convertValue(named.spec, MonitorSpec.class));
            JsonNode json = RecordCodec.mapper().valueToTree(spec);
            Running old = monitors.remove(named.name);
            if (old != null && old.json.equals(json)) {
                next.put(named.name, old);
                continue;
            }
            Running fresh = new Running(named.name, spec, json);
            if (old != null) {
                old.stop(fresh.labels.equals(old.labels) ? null : "the monitor changed");
                if (fresh.labels.equals(old.labels)) {
                    fresh.state = old.state;
                    fresh.lastPing = old.lastPing;
                }
            }
            next.put(named.name, fresh);
            fresh.start(old != null && fresh.state == old.state);
        }
        for (Running removed : monitors.values()) {
            removed.stop("the monitor was removed");
        }
        monitors.clear();
        monitors.putAll(next);
    }

    /** Stops every monitor; alerts they had firing are resolved, since nothing checks them any more. */
    synchronized void stop() {
        for (Running m : monitors.values()) {
            m.stop("the monitor stopped");
        }
        monitors.clear();
    }

    /** Stops every monitor and leaves its alert as it is: the engine shuts down and will check again. */
    synchronized void halt() {
        for (Running m : monitors.values()) {
            m.stop(null);
        }
        monitors.clear();
    }

    /** Records a heartbeat ping. */
    public PingResult ping(String name) {
        Running m;
        synchronized (this) {
            m = monitors.get(name);
        }
        if (m == null) {
            return PingResult.NO_SUCH_MONITOR;
        }
        if (m.spec.type != MonitorSpec.MonitorType.Heartbeat) {
            return PingResult.NOT_A_HEARTBEAT;
        }
        m.pinged();
        return PingResult.OK;
    }

    /** The state of every monitor, by name. */
    public List<MonitorView> views() {
        List<Running> all;
        synchronized (this) {
            all = new ArrayList<>(monitors.values());
        }
        all.sort(Comparator.comparing(r -> r.name));
        return all.stream().map(Running::view).toList();
    }

    /** Fires heartbeats whose deadline passed; the service calls it every second. */
    void evaluateHeartbeats() {
        List<Running> all;
        synchronized (this) {
            all = new ArrayList<>(monitors.values());
        }
        for (Running m : all) {
            if (m.spec.type == MonitorSpec.MonitorType.Heartbeat) {
                m.evaluateDeadline();
            }
        }
    }

    /** One running monitor. */
    private final class Running {
        final String name;
        final MonitorSpec spec;
        final JsonNode json;
        final Map<String, String> labels;
        final Check check;
        final Duration interval;
        final Duration timeout;
        final String target;
        final String summary;
        MonitorState state = new MonitorState();
        volatile long lastPing;
        volatile long lastSent;
        volatile boolean stopped;
        ScheduledFuture<?> pending;
        long plannedNanos;

        Running(String name, MonitorSpec spec, JsonNode json) {
            this.name = name;
            this.spec = spec;
            this.json = json;
            this.labels = MonitorAlerts.labels(name, spec);
            this.check = Checks.of(spec, service.resources, TenantMonitors.this::gate, service.clock);
            this.interval = Durations.parse(spec.interval);
            this.timeout = Durations.parse(spec.timeout);
            this.target = check == null ? HEARTBEAT_PATH + name : check.target();
            this.summary = MonitorAlerts.summary(name, spec, target);
            this.lastPing = service.clock.millis();
        }

        boolean heartbeat() {
            return spec.type == MonitorSpec.MonitorType.Heartbeat;
        }

        /** Starts checking; a new monitor first takes over its alert if the engine still holds it firing. */
        void start(boolean carriedState) {
            if (!carriedState) {
                String fingerprint = Fingerprints.hex(labels);
                tenant.lane().call(() -> tenant.alerts().alert(fingerprint)).whenComplete((held, e) -> {
                    if (e == null && firing(held)) {
                        state.adoptFiring("its alert was firing when the engine (re)started", service.clock.millis());
                    }
                    started();
                });
            } else {
                started();
            }
        }

        /** A heartbeat's status shows its push path at once; a pulled monitor's waits for its first check. */
        private void started() {
            if (heartbeat() || state.firing()) {
                publish();
            }
            scheduleFirst();
        }

        private boolean firing(AlertView held) {
            return held != null && held.endsAt() > service.clock.millis();
        }

        private synchronized void scheduleFirst() {
            if (stopped || heartbeat()) {
                return;
            }
            long spread = Math.max(1, Math.min(interval.toMillis(), MAX_FIRST_DELAY_MILLIS));
            long delay = ThreadLocalRandom.current().nextLong(spread);
            plannedNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
            pending = service.timer.schedule(this::submitCheck, delay, TimeUnit.MILLISECONDS);
        }

        private void submitCheck() {
            if (stopped) {
                return;
            }
            try {
                service.checks.execute(this::runCheck);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduleNext();
            }
        }

        private void runCheck() {
            if (stopped) {
                return;
            }
            Elapsed elapsed = new Elapsed();
            CheckOutcome outcome;
            try {
                outcome = check.run(timeout);
            } catch (RuntimeException e) {
                outcome = CheckOutcome.down("the check failed: " + CheckErrors.describe(e), elapsed.millis());
            }
            if (stopped) {
                return;
            }
            tenant.meters().monitorCheck(name, outcome.up() ? "up" : "down", elapsed.nanos());
            long now = service.clock.millis();
            MonitorState.Transition t = state.record(outcome, now, spec.retries == null ? 2 : spec.retries);
            send(t, outcome.message(), now);
            publish();
            scheduleNext();
        }

        /** Fixed rate from the planned start, a little jittered; a late check is followed at once, never overlapped. */
        private synchronized void scheduleNext() {
            if (stopped) {
                return;
            }
            long jitterMax = Math.max(1, Math.min(interval.toMillis() / 20, 1000));
            plannedNanos += interval.toNanos();
            long delayNanos = Math.max(0, plannedNanos - System.nanoTime())
                    + TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(jitterMax));
            pending = service.timer.schedule(this::submitCheck, delayNanos, TimeUnit.NANOSECONDS);
        }

        void pinged() {
            long now = service.clock.millis();
            lastPing = now;
            send(state.ping(now), "ping received", now);
            publish();
        }

        void evaluateDeadline() {
            if (stopped) {
                return;
            }
            long now = service.clock.millis();
            long ping = lastPing;
            Duration period = Durations.parse(spec.heartbeat.period);
            Duration grace = Durations.parseOr(spec.heartbeat.grace, Duration.ofMinutes(1));
            if (now < ping + period.toMillis() + grace.toMillis()) {
                return;
            }
            String message = "no ping since " + Instant.ofEpochMilli(ping) + "; expected every " + spec.heartbeat.period
                    + " with " + Durations.format(grace) + " grace";
            MonitorState.Transition t = state.missed(message, now);
            if (t == MonitorState.Transition.FIRE || now - lastSent >= HEARTBEAT_REFRESH_MILLIS) {
                send(t == MonitorState.Transition.FIRE ? t : MonitorState.Transition.REFRESH, message, now);
                publish();
            }
        }

        private void send(MonitorState.Transition t, String description, long now) {
            IncomingAlert alert = switch (t) {
                case FIRE, REFRESH -> MonitorAlerts.firing(labels, summary, description, now, interval);
                case RESOLVE -> MonitorAlerts.resolved(labels, summary, description, now);
                case NONE -> null;
            };
            if (alert == null) {
                return;
            }
            lastSent = now;
            tenant.meters().received("monitor", 1);
            tenant.ingest(List.of(alert)).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warn("tenant {}: the alert of monitor {} was not accepted: {}", tenant.name(), name, e.getMessage());
                }
            });
        }

        private void publish() {
            service.publisher.publish(tenant.config().compiled.namespace, view());
        }

        MonitorView view() {
            return state.view(name, spec.type.name(), target, heartbeat() ? HEARTBEAT_PATH + name : null);
        }

        /** Stops; resolves the alert if it fires, unless {@code why} is null (a successor takes it over). */
        synchronized void stop(String why) {
            stopped = true;
            if (pending != null) {
                pending.cancel(false);
            }
            if (why != null && state.firing()) {
                send(MonitorState.Transition.RESOLVE, why, service.clock.millis());
            }
        }
    }
}
