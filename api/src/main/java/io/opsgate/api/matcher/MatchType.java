package io.opsgate.api.matcher;

/** The four matcher operators of Alertmanager. */
public enum MatchType {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String operator;

    MatchType(String operator) {
        this.operator = operator;
    }

    /** The operator as written in a matcher. */
    public String operator() {
        return operator;
    }

    /** Builds the type from Alertmanager API v2's isEqual and isRegex flags. */
    public static MatchType of(boolean isEqual, boolean isRegex) {
        if (isRegex) {
            return isEqual ? REGEX : NOT_REGEX;
        }
        return isEqual ? EQUAL : NOT_EQUAL;
    }
}
