package io.opsgate.api.common;

/** The condition types opsgate sets. kstatus reads {@link #RECONCILING} and {@link #STALLED}. */
public final class ConditionTypes {
    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";
    /** A child object or a dependency is not healthy, though the object itself is valid. */
    public static final String DEGRADED = "Degraded";

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private ConditionTypes() {
    }
}
