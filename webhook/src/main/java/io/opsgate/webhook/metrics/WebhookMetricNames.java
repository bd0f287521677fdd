package io.opsgate.webhook.metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every metric the webhook exports, by its Prometheus name, with its labels. The Grafana dashboard
 * and alerts key on these names; a test proves this class and the registry agree both ways.
 */
public final class WebhookMetricNames {

    /** Admission reviews answered, by kind, operation and whether the object was allowed. */
    public static final String REQUESTS_TOTAL = "opsgate_webhook_requests_total";
    /** Problems found in denied objects, by kind and CamelCase reason (one per reason and review). */
    public static final String REJECTIONS_TOTAL = "opsgate_webhook_rejections_total";
    /** Time to answer one review (histogram). */
    public static final String SECONDS = "opsgate_webhook_seconds";
    /** The largest answer time seen recently: Micrometer exports it beside every timer. */
    public static final String SECONDS_MAX = "opsgate_webhook_seconds_max";

    /** Metric name to its label names. */
    public static final Map<String, List<String>> LABELS = Map.of(
            REQUESTS_TOTAL, List.of("kind", "operation", "allowed"),
            REJECTIONS_TOTAL, List.of("kind", "reason"),
            SECONDS, List.of(),
            SECONDS_MAX, List.of());

    /** Every exported name. */
    public static final Set<String> ALL = LABELS.keySet();

    /** Names that are histograms: Prometheus sees them with the suffixes _bucket, _sum and _count. */
    public static final Set<String> HISTOGRAMS = Set.of(SECONDS);

    private WebhookMetricNames() {
    }
}
