package io.opsgate.api.config;

/**
 * Identifies one object of a tenant for its validation result.
 *
 * @param kind the resource kind, e.g. AlertRule
 * @param name the object's name
 */
public record ObjectKey(String kind, String name) {
    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
