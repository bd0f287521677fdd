package io.opsgate.api.v1alpha1;

/**
 * Patterns the CRD schemas declare, kept with the model they constrain. The model is the floor the
 * parsers stand on ({@code io.opsgate.api.time.Durations} uses {@link #DURATION}), never the other way round.
 */
public final class SchemaPatterns {

    /**
     * A duration as Prometheus and Alertmanager write it: units y, w, d, h, m, s, ms in descending order,
     * each at most once ({@code 1h30m}, {@code 90d}, {@code 500ms}), or {@code 0}.
     */
    public static final String DURATION =
            "^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$";

    private SchemaPatterns() {
    }
}
