package io.opsgate.webhook.admission;

import io.opsgate.api.validation.FieldError;

import java.util.List;

/**
 * The webhook's answer about one object.
 *
 * @param allowed whether the API server may go on
 * @param code    HTTP-style code of a denial: 422 for an invalid object, 503 when the cluster could
 *                not be read, 500 for a fault of the webhook; 200 when allowed
 * @param message the denial message the user sees after kubectl apply; empty when allowed
 * @param problems every field error behind a denial
 * @param patch   a JSON Patch document (a JSON array) to apply, or null
 * @param warnings what kubectl shows as {@code Warning:} lines: allowed, but the user should know
 */
public record Review(boolean allowed, int code, String message, List<FieldError> problems, String patch,
                     List<String> warnings) {

    public Review {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public Review(boolean allowed, int code, String message, List<FieldError> problems, String patch) {
        this(allowed, code, message, problems, patch, List.of());
    }

    /** Allowed, unchanged, with warnings for the user. */
    public static Review allowWithWarnings(List<String> warnings) {
        return new Review(true, 200, "", List.of(), null, warnings);
    }

    /** Allowed, unchanged. */
    public static Review allow() {
        return new Review(true, 200, "", List.of(), null);
    }

    /** Allowed, with a JSON Patch (null for none). */
    public static Review allowWithPatch(String patch) {
        return new Review(true, 200, "", List.of(), patch);
    }

    /** Denied because the object is invalid. */
    public static Review invalid(String message, List<FieldError> problems) {
        return new Review(false, 422, message, problems, null);
    }

    /** Denied for a reason outside the object (the cluster could not be read, or a fault). */
    public static Review failed(int code, String reason, String message) {
        return new Review(false, code, message, List.of(new FieldError("", reason, message)), null);
    }

    /** The distinct reasons of the problems, for metrics. */
    public List<String> reasons() {
        return problems.stream().map(FieldError::reason).distinct().toList();
    }
}
