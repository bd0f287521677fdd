package io.opsgate.api.config;

import io.opsgate.api.validation.ValidationResult;

import java.util.Map;

/**
 * What compiling a tenant gives: the configuration, and a validation result for every object, so the
 * operator can write each object's status and the standalone engine can report bad files.
 *
 * @param config  the compiled configuration with only valid objects
 * @param results the validation result per object, valid ones included
 */
public record Compilation(CompiledConfig config, Map<ObjectKey, ValidationResult> results) {

    /** The result for one object; valid when the object was not part of the compilation. */
    public ValidationResult resultFor(String kind, String name) {
        return results.getOrDefault(new ObjectKey(kind, name), ValidationResult.ok());
    }
}
