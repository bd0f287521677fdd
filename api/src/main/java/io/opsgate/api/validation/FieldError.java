package io.opsgate.api.validation;

/**
 * One problem with one field.
 *
 * @param path    the field path as kubectl shows it, e.g. {@code spec.matchers[1]}
 * @param reason  a CamelCase reason for status conditions, e.g. {@code InvalidMatcher}
 * @param message what is wrong and what is allowed
 */
public record FieldError(String path, String reason, String message) {

    /** "path: message", as a condition message or an admission denial shows it. */
    public String describe() {
        return path + ": " + message;
    }
}
