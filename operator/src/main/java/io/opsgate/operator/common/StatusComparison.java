package io.opsgate.operator.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Compares two statuses by their JSON: the status classes are plain data carriers without equals, and
 * a reconciler must skip the status patch when nothing changed, or every reconcile writes again.
 */
public final class StatusComparison {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private StatusComparison() {
    }

    public static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        try {
            return MAPPER.readTree(MAPPER.writeValueAsBytes(a)).equals(MAPPER.readTree(MAPPER.writeValueAsBytes(b)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("status is not serialisable", e);
        }
    }

    /** A deep copy through JSON, so a new status can be built without touching the cached object. */
    public static <T> T copy(T value, Class<T> type) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.readValue(MAPPER.writeValueAsBytes(value), type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("status is not serialisable", e);
        }
    }
}
