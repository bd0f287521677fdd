package io.opsgate.engine.metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every metric the engine registers, by the name Prometheus shows (docs/architecture.md, "Metrics").
 * Dashboards and alerts are written against these; {@code EngineMetricNamesTest} proves the registry
 * exports exactly these and nothing else under {@code opsgate_}.
 */
public final class EngineMetricNames {
    /** What every name here starts with; each of these meters carries the tag {@code tenant}. */
    public static final String PREFIX = "opsgate_";
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
    public static final String MAILS_RECEIVED = "opsgate_mails_received_total";
    public static final String MAILS_ACCEPTED = "opsgate_mails_accepted_total";
    public static final String MAILS_REJECTED = "opsgate_mails_rejected_total";
    public static final String MAIL_PARSE_WARNINGS = "opsgate_mail_parse_warnings_total";
    public static final String NOTIFICATIONS_SENT = "opsgate_notifications_sent_total";
    public static final String NOTIFICATIONS_FAILED = "opsgate_notifications_failed_total";
    public static final String NOTIFICATIONS_RETRIED = "opsgate_notifications_retried_total";
    public static final String NOTIFICATIONS_DEAD_LETTERED = "opsgate_notifications_dead_lettered_total";
    public static final String NOTIFICATION_DELIVERY = "opsgate_notification_delivery_seconds";
    public static final String NOTIFICATION_QUEUE_DEPTH = "opsgate_notification_queue_depth";

    /** Tag on every tenant-scoped meter. */
    public static final String TAG_TENANT = "tenant";
    /** The NotificationChannel of a notification meter. */
    public static final String TAG_CHANNEL = "channel";
    /** notification or escalation. */
    public static final String TAG_TYPE = "type";
    /** The tenant tag of mail refused before its tenant is known (unknown recipient, failed AUTH). */
    public static final String UNKNOWN_TENANT = "unknown";

    public static final List<String> ALL = List.of(ALERTS_RECEIVED, ALERTS_ACCEPTED, ALERTS_REJECTED, ALERTS_DROPPED,
            ALERTS_DEDUPLICATED, ALERTS_SILENCED, ALERTS_INHIBITED, TICKETS_OPENED, TICKETS_RESOLVED, TICKETS_OPEN,
            PIPELINE_LATENCY, STORE_COMMIT_LATENCY, OUTBOX_DEPTH, CONFIG_RELOADS,
            NOTIFICATIONS_SENT, NOTIFICATIONS_FAILED, NOTIFICATIONS_RETRIED, NOTIFICATIONS_DEAD_LETTERED,
            NOTIFICATION_DELIVERY, NOTIFICATION_QUEUE_DEPTH,
            MAILS_RECEIVED, MAILS_ACCEPTED, MAILS_REJECTED, MAIL_PARSE_WARNINGS,
            MONITOR_CHECKS, MONITOR_CHECK_SECONDS, JOB_RUNS_REQUESTED, JOB_RUNS_FAILED);

    /** Metric name to its label names, as the registry exports them (the Grafana dashboard test reads this). */
    public static final Map<String, List<String>> LABELS = Map.ofEntries(
            Map.entry(ALERTS_RECEIVED, List.of(TAG_TENANT, "source")),
            Map.entry(ALERTS_ACCEPTED, List.of(TAG_TENANT)),
            Map.entry(ALERTS_REJECTED, List.of(TAG_TENANT, "reason")),
            Map.entry(ALERTS_DROPPED, List.of(TAG_TENANT, "rule")),
            Map.entry(ALERTS_DEDUPLICATED, List.of(TAG_TENANT)),
            Map.entry(ALERTS_SILENCED, List.of(TAG_TENANT)),
            Map.entry(ALERTS_INHIBITED, List.of(TAG_TENANT)),
            Map.entry(TICKETS_OPENED, List.of(TAG_TENANT, "priority")),
            Map.entry(TICKETS_RESOLVED, List.of(TAG_TENANT)),
            Map.entry(TICKETS_OPEN, List.of(TAG_TENANT)),
            Map.entry(PIPELINE_LATENCY, List.of(TAG_TENANT)),
            Map.entry(STORE_COMMIT_LATENCY, List.of(TAG_TENANT)),
            Map.entry(OUTBOX_DEPTH, List.of(TAG_TENANT)),
            Map.entry(CONFIG_RELOADS, List.of(TAG_TENANT, "result")),
            Map.entry(NOTIFICATIONS_SENT, List.of(TAG_TENANT, TAG_CHANNEL, TAG_TYPE)),
            Map.entry(NOTIFICATIONS_FAILED, List.of(TAG_TENANT, TAG_CHANNEL, TAG_TYPE)),
            Map.entry(NOTIFICATIONS_RETRIED, List.of(TAG_TENANT, TAG_CHANNEL, TAG_TYPE)),
            Map.entry(NOTIFICATIONS_DEAD_LETTERED, List.of(TAG_TENANT, TAG_CHANNEL, TAG_TYPE)),
            Map.entry(NOTIFICATION_DELIVERY, List.of(TAG_TENANT, TAG_CHANNEL, TAG_TYPE)),
            Map.entry(NOTIFICATION_QUEUE_DEPTH, List.of(TAG_TENANT, TAG_CHANNEL)),
            Map.entry(MAILS_RECEIVED, List.of(TAG_TENANT)),
            Map.entry(MAILS_ACCEPTED, List.of(TAG_TENANT)),
            Map.entry(MAILS_REJECTED, List.of(TAG_TENANT, "reason")),
            Map.entry(MAIL_PARSE_WARNINGS, List.of(TAG_TENANT)),
            Map.entry(MONITOR_CHECKS, List.of(TAG_TENANT, "monitor", "result")),
            Map.entry(MONITOR_CHECK_SECONDS, List.of(TAG_TENANT)),
            Map.entry(JOB_RUNS_REQUESTED, List.of(TAG_TENANT, "opsjob", "result")),
            Map.entry(JOB_RUNS_FAILED, List.of(TAG_TENANT, "opsjob")));

    /** Names that are histograms: Prometheus sees them with _bucket, _sum and _count (and a _max gauge). */
    public static final Set<String> HISTOGRAMS = Set.of(PIPELINE_LATENCY, STORE_COMMIT_LATENCY, NOTIFICATION_DELIVERY,
            MONITOR_CHECK_SECONDS);

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
