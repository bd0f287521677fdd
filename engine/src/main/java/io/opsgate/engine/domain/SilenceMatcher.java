package io.opsgate.engine.domain;

/**
 * A silence matcher as Alertmanager's API v2 writes it.
 *
 * @param name    the label name
 * @param value   the value or regex
 * @param isRegex whether value is a regex
 * @param isEqual whether the matcher is positive (= or =~)
 */
public record SilenceMatcher(String name, String value, boolean isRegex, boolean isEqual) {
}
