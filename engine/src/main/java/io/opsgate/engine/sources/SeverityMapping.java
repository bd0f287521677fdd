package io.opsgate.engine.sources;

import io.opsgate.api.v1alpha1.AlertSourceSpec;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A source's severity words turned into opsgate's: the declared map first (case-insensitive), then a value
 * that already is one of the usual severities, else the default.
 */
final class SeverityMapping {
    private static final Set<String> KNOWN = Set.of("critical", "error", "warning", "info");

    private final Map<String, String> map = new HashMap<>();
    private final String fallback;

    SeverityMapping(AlertSourceSpec.SeverityMapping spec) {
        if (spec != null && spec.map != null) {
            spec.map.forEach((k, v) -> map.put(k.toLowerCase(Locale.ROOT), v));
        }
        this.fallback = spec == null || spec.defaultSeverity == null ? "warning" : spec.defaultSeverity;
    }

    /** The severity for a source's value; null or blank gives the default. */
    String severity(String value) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String key = value.trim().toLowerCase(Locale.ROOT);
        String mapped = map.get(key);
        if (mapped != null) {
            return mapped;
        }
        return KNOWN.contains(key) ? key : fallback;
    }
}
