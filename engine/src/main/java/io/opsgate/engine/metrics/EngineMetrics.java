package io.opsgate.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.opsgate.engine.metrics.EngineMetricNames.meterName;

/** The engine's meters on one Prometheus registry; {@link #tenant} gives the meters of one tenant. */
public final class EngineMetrics {
    private final PrometheusMeterRegistry registry;
    private final ConcurrentHashMap<String, TenantMeters> tenants = new ConcurrentHashMap<>();

    public EngineMetrics() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public EngineMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition: every meter, tenants' included (the plain metrics listener). */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * The exposition without the opsgate meters, which all carry the tag {@code tenant} (and some a rule or channel):
     * what the API and notify listeners show to callers who need no token. JVM and process meters stay.
     */
    public String scrapeWithoutTenants() {
        StringBuilder out = new StringBuilder();
        for (String line : registry.scrape().split("\n")) {
            String name = line.startsWith("# ") ? nameOfComment(line) : line;
            if (!name.startsWith(EngineMetricNames.PREFIX)) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** "# HELP name ..." and "# TYPE name ...": the name. */
    private static String nameOfComment(String line) {
        String[] parts = line.split(" ", 4);
        return parts.length > 2 ? parts[2] : "";
    }

    public TenantMeters tenant(String tenant) {
        return tenants.computeIfAbsent(tenant, t -> new TenantMeters(registry, t));
    }

    /** Counts a mail refused before its tenant was known, under tenant="unknown". */
    public void mailRejectedBeforeTenant(String reason) {
        Counter.builder(meterName(EngineMetricNames.MAILS_REJECTED))
                .tag(EngineMetricNames.TAG_TENANT, EngineMetricNames.UNKNOWN_TENANT).tag("reason", reason)
                .register(registry).increment();
    }

    /** Histogram buckets from 0.25 ms to 10 s: an fsync takes about a millisecond, a stall seconds. */
    private static final Duration[] BUCKETS = {Duration.ofNanos(250_000), Duration.ofNanos(500_000),
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /** The meters of one tenant. Counters with a second tag are created on first use. */
    public static final class TenantMeters {
        private final MeterRegistry registry;
        private final String tenant;
        public final Counter accepted;
        public final Counter deduplicated;
        public final Counter silenced;
        public final Counter inhibited;
        public final Counter ticketsResolved;
        public final Timer pipelineLatency;
        public final Timer commitLatency;
        public final Timer monitorCheckLatency;

        TenantMeters(MeterRegistry registry, String tenant) {
            this.registry = registry;
            this.tenant = tenant;
            this.accepted = counter(EngineMetricNames.ALERTS_ACCEPTED);
            this.deduplicated = counter(EngineMetricNames.ALERTS_DEDUPLICATED);
            this.silenced = counter(EngineMetricNames.ALERTS_SILENCED);
            this.inhibited = counter(EngineMetricNames.ALERTS_INHIBITED);
            this.ticketsResolved = counter(EngineMetricNames.TICKETS_RESOLVED);
            this.pipelineLatency = timer(EngineMetricNames.PIPELINE_LATENCY);
            this.commitLatency = timer(EngineMetricNames.STORE_COMMIT_LATENCY);
            this.monitorCheckLatency = timer(EngineMetricNames.MONITOR_CHECK_SECONDS);
        }

        private final ConcurrentHashMap<String, Counter> tagged = new ConcurrentHashMap<>();

        private Counter counter(String name, String... tags) {
            return Counter.builder(meterName(name)).tag(EngineMetricNames.TAG_TENANT, tenant).tags(tags).register(registry);
        }

        /** A counter with one more tag, looked up once and then kept: this runs for every alert. */
        private Counter counter(String name, String tag, String value) {
            return tagged.computeIfAbsent(name + '\u0000' + value, k -> counter(name, new String[]{tag, value}));
        }

        private Timer timer(String name) {
            return Timer.builder(meterName(name)).tag(EngineMetricNames.TAG_TENANT, tenant)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry);
        }

        public void received(String source, long n) {
            counter(EngineMetricNames.ALERTS_RECEIVED, "source", source).increment(n);
        }

        public void rejected(String reason, long n) {
            counter(EngineMetricNames.ALERTS_REJECTED, "reason", reason).increment(n);
        }

        public void dropped(String rule) {
            counter(EngineMetricNames.ALERTS_DROPPED, "rule", rule).increment();
        }

        public void ticketOpened(String priority) {
            counter(EngineMetricNames.TICKETS_OPENED, "priority", priority).increment();
        }

        public void configReload(String result) {
            counter(EngineMetricNames.CONFIG_RELOADS, "result", result).increment();
        }

        /** One active monitor check: {@code result} up or down. */
        public void monitorCheck(String monitor, String result, long nanos) {
            tagged.computeIfAbsent(EngineMetricNames.MONITOR_CHECKS + '\u0000' + monitor + '\u0000' + result,
                    k -> counter(EngineMetricNames.MONITOR_CHECKS, "monitor", monitor, "result", result)).increment();
            monitorCheckLatency.record(nanos, TimeUnit.NANOSECONDS);
        }

        /** One automatic run request of an OpsJob and what became of it. */
        public void jobRunRequested(String opsJob, String result) {
            tagged.computeIfAbsent(EngineMetricNames.JOB_RUNS_REQUESTED + '\u0000' + opsJob + '\u0000' + result,
                    k -> counter(EngineMetricNames.JOB_RUNS_REQUESTED, "opsjob", opsJob, "result", result)).increment();
        }

        public void jobRunFailed(String opsJob) {
            counter(EngineMetricNames.JOB_RUNS_FAILED, "opsjob", opsJob).increment();
        }

        // Mail meters are created on first use: tenants without a mail source export none.
        public void mailReceived() {
            tagged.computeIfAbsent(EngineMetricNames.MAILS_RECEIVED, k -> counter(k)).increment();
        }

        public void mailAccepted() {
            tagged.computeIfAbsent(EngineMetricNames.MAILS_ACCEPTED, k -> counter(k)).increment();
        }

        public void mailRejected(String reason) {
            counter(EngineMetricNames.MAILS_REJECTED, "reason", reason).increment();
        }

        public void mailParseWarning() {
            tagged.computeIfAbsent(EngineMetricNames.MAIL_PARSE_WARNINGS, k -> counter(k)).increment();
        }

        public void commit(long nanos) {
            commitLatency.record(nanos, TimeUnit.NANOSECONDS);
        }

        /** Registers the gauges that read the tenant's live state. */
        public void gauges(Supplier<Number> ticketsOpen, Supplier<Number> outboxDepth) {
            Gauge.builder(meterName(EngineMetricNames.TICKETS_OPEN), ticketsOpen).tag(EngineMetricNames.TAG_TENANT, tenant)
                    .strongReference(true).register(registry);
            Gauge.builder(meterName(EngineMetricNames.OUTBOX_DEPTH), outboxDepth).tag(EngineMetricNames.TAG_TENANT, tenant)
                    .strongReference(true).register(registry);
        }
    }
}
