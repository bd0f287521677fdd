package io.opsgate.webhook.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;

/**
 * The webhook's meters. Label values are bounded: kinds and operations outside the known sets are
 * counted as {@code unknown}, so a garbled request cannot grow the number of series.
 */
public final class WebhookMetrics {

    /** Label value for anything outside the known sets. */
    public static final String UNKNOWN = "unknown";
    private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Set<String> kinds;
    private final Timer timer;

    /**
     * @param kinds the kinds the webhook knows; others are labelled {@code unknown}
     */
    public WebhookMetrics(MeterRegistry registry, Set<String> kinds) {
        this.registry = registry;
        this.kinds = Set.copyOf(kinds);
        this.timer = Timer.builder(micrometerName(WebhookMetricNames.SECONDS))
                .description("Time to answer one admission review")
                // Buckets up to the API server's 10 s timeout, few enough to keep the series count small.
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** Records one answered review and, when denied, each distinct reason of its problems. */
    public void answered(String kind, String operation, boolean allowed, Collection<String> reasons, Duration took) {
        String k = kinds.contains(kind) ? kind : UNKNOWN;
        String op = OPERATIONS.contains(operation) ? operation : UNKNOWN;
        Counter.builder(micrometerName(WebhookMetricNames.REQUESTS_TOTAL))
                .description("Admission reviews answered")
                .tag("kind", k)
                .tag("operation", op)
                .tag("allowed", Boolean.toString(allowed))
                .register(registry)
                .increment();
        for (String reason : Set.copyOf(reasons)) {
            Counter.builder(micrometerName(WebhookMetricNames.REJECTIONS_TOTAL))
                    .description("Problems found in denied objects, one per reason and review")
                    .tag("kind", k)
                    .tag("reason", reason)
                    .register(registry)
                    .increment();
        }
        timer.record(took);
    }

    /** Micrometer's dotted name for a Prometheus name: the registry adds the unit and _total back. */
    static String micrometerName(String prometheusName) {
        return prometheusName.replaceFirst("_total$", "").replaceFirst("_seconds$", "").replace('_', '.');
    }
}
