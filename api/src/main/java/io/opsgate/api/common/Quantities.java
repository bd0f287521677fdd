package io.opsgate.api.common;

/** The Kubernetes quantity syntax, as a schema pattern. */
public final class Quantities {
    /** Decimal number with an optional binary (Ki..Ei), decimal (m, k..E) or exponent suffix. */
    public static final String PATTERN =
            "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

    private Quantities() {
    }
}
