package io.opsgate.engine.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the API refuses, with the status and the JSON body that says why:
 * {@code {"error": message, "field": ..., "limit": ...}}.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    /** Names the field the error is about, as a JSON path like {@code [2].labels.severity}. */
    public ApiError field(String field) {
        if (field != null && !field.isEmpty()) {
            details.put("field", field);
        }
        return this;
    }

    /** Names the limit that was exceeded and its value. */
    public ApiError limit(String name, long value) {
        details.put("limit", name);
        details.put("limitValue", value);
        return this;
    }

    public ApiError detail(String key, Object value) {
        details.put(key, value);
        return this;
    }

    public ApiError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> details() {
        return details;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
