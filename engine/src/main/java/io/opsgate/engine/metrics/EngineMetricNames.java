package io.opsgate.engine.metrics;

import java.util.List;

/**
 * Every metric the engine registers, by the name Prometheus shows (docs/architecture.md, "Metrics").
 * Dashboards and alerts are written against these; {@code EngineMetricNamesTest} proves the registry
 * exports exactly these and nothing else under {@code opsgate_}.
 */
public final class EngineMetricNames {
    public static final String ALERTS_RECEIVED = "opsgate_alerts_received_total";
    public static final String ALERTS_ACCEPTED = "opsgate_alerts_accepted_total";
    public static final String ALERTS_REJECTED = "opsgate_alerts_rejected_total";
    public static final String ALERTS_DROPPED = "opsgate_alerts_dropped_total";
    public static final String ALERTS_DEDUPLICATED = "opsgate_alerts_deduplicated_total";
    public static final String ALERTS_SILENCED = "opsgate_alerts_silenced_total";
    public static final String ALERTS_INHIBITED = "opsgate_alerts_inhibited_total";
    public static final String TICKETS_OPENED = "opsgate_tickets_opened_total";
    public static final String TICKETS_RESOLVED = "opsgate_tickets_resolved_total";
    public static final String TICKETS_OPEN = "opsgate_tickets_open";
    public static final String PIPELINE_LATENCY = "opsgate_pipeline_latency_seconds";
    public static final String STORE_COMMIT_LATENCY = "opsgate_store_commit_latency_seconds";
    public static final String OUTBOX_DEPTH = "opsgate_outbox_depth";
    public static final String CONFIG_RELOADS = "opsgate_config_reloads_total";
    /** Active monitor checks by outcome: {@code result} is up or down. */
    public static final String MONITOR_CHECKS = "opsgate_monitor_checks_total";
    /** Duration of active monitor checks (histogram). */
    public static final String MONITOR_CHECK_SECONDS = "opsgate_monitor_check_seconds";
    /** Automatic OpsJob run requests by outcome: requested, cooldown, rate_limited, refused, error. */
    public static final String JOB_RUNS_REQUESTED = "opsgate_job_runs_requested_total";
    /** OpsJobRuns seen failing (each raises an OpsJobRunFailed alert). */
    public static final String JOB_RUNS_FAILED = "opsgate_job_runs_failed_total";

    /** Tag on every tenant-scoped meter. */
    public static final String TAG_TENANT = "tenant";

    public static final List<String> ALL = List.of(ALERTS_RECEIVED, ALERTS_ACCEPTED, ALERTS_REJECTED, ALERTS_DROPPED,
            ALERTS_DEDUPLICATED, ALERTS_SILENCED, ALERTS_INHIBITED, TICKETS_OPENED, TICKETS_RESOLVED, TICKETS_OPEN,
            PIPELINE_LATENCY, STORE_COMMIT_LATENCY, OUTBOX_DEPTH, CONFIG_RELOADS,
            MONITOR_CHECKS, MONITOR_CHECK_SECONDS, JOB_RUNS_REQUESTED, JOB_RUNS_FAILED);

    private EngineMetricNames() {
    }

    /**
     * The Micrometer name that the Prometheus registry exports as {@code prometheusName}: dots for
     * underscores, without the suffix the registry adds (_total for counters, _seconds for timers).
     */
    public static String meterName(String prometheusName) {
        String base = prometheusName;
        if (base.endsWith("_total")) {
            base = base.substring(0, base.length() - "_total".length());
        } else if (base.endsWith("_seconds")) {
            base = base.substring(0, base.length() - "_seconds".length());
        }
        return base.replace('_', '.');
    }
}
