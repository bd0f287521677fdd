package io.opsgate.api.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** The problems found in one object; valid when there are none. */
public final class ValidationResult {
    private final List<FieldError> errors = new ArrayList<>();

    public static ValidationResult ok() {
        return new ValidationResult();
    }

    /** Records a problem. */
    public ValidationResult add(String path, String reason, String message) {
        errors.add(new FieldError(path, reason, message));
        return this;
    }

    public ValidationResult addAll(ValidationResult other) {
        errors.addAll(other.errors);
        return this;
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return Collections.unmodifiableList(errors);
    }

    /** The reason of the first problem, for a condition; {@code Valid} when there is none. */
    public String reason() {
        return errors.isEmpty() ? "Valid" : errors.get(0).reason();
    }

    /** All problems, "path: message" joined by "; ". */
    public String message() {
        return errors.stream().map(FieldError::describe).collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return isValid() ? "valid" : message();
    }
}
