package io.opsgate.operator.app;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's own meters, as Prometheus names them on /metrics. The Grafana dashboard and the alert
 * rules query these names; {@code OperatorMetricNamesTest} proves this class and the registry agree.
 * JOSDK's Micrometer meters (prefix {@code operator_sdk_}) come in addition.
 */
public final class OperatorMetricNames {
    /** Counter of finished reconciles and cleanups, tags {@link #KIND} and {@link #RESULT}. */
    public static final String RECONCILES_TOTAL = "opsgate_operator_reconciles_total";
    /** Histogram of reconcile and cleanup durations, tag {@link #KIND}. */
    public static final String RECONCILE_SECONDS = "opsgate_operator_reconcile_seconds";
    /** Gauge of the longest recent reconcile, by kind; Micrometer exports it with every timer. */
    public static final String RECONCILE_SECONDS_MAX = "opsgate_operator_reconcile_seconds_max";

    /** The resource kind, e.g. Tenant or AlertRule. */
    public static final String KIND = "kind";
    /** success or error. */
    public static final String RESULT = "result";
    public static final String SUCCESS = "success";
    public static final String ERROR = "error";

    /** Every name above as exported. */
    public static final Set<String> ALL = Set.of(RECONCILES_TOTAL, RECONCILE_SECONDS, RECONCILE_SECONDS_MAX);

    /** Metric name to its label names, as the registry exports them (the Grafana dashboard test reads this). */
    public static final Map<String, List<String>> LABELS = Map.of(
            RECONCILES_TOTAL, List.of(KIND, RESULT),
            RECONCILE_SECONDS, List.of(KIND),
            RECONCILE_SECONDS_MAX, List.of(KIND));

    /** Names that are histograms: Prometheus sees them with _bucket, _sum and _count. */
    public static final Set<String> HISTOGRAMS = Set.of(RECONCILE_SECONDS);

    /** The Micrometer names the registry is given (Prometheus adds the unit and _total). */
    static final String RECONCILES_METER = "opsgate.operator.reconciles";
    static final String RECONCILE_METER = "opsgate.operator.reconcile";

    private OperatorMetricNames() {
    }
}
