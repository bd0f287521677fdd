package io.opsgate.api.matcher;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.Map;
import java.util.Objects;

/**
 * One label matcher with Alertmanager's semantics: a missing label matches as the empty string, and
 * regexes are RE2 anchored at both ends ({@code ^(?:re)$}). RE2 runs in linear time, so a tenant's
 * regex cannot stall the pipeline.
 */
public final class Matcher {
    private final String name;
    private final MatchType type;
    private final String value;
    private final Pattern pattern;

    private Matcher(String name, MatchType type, String value) {
        this.name = name;
        this.type = type;
        this.value = value;
        if (type == MatchType.REGEX || type == MatchType.NOT_REGEX) {
            this.pattern = Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
        } else {
            this.pattern = null;
        }
    }

    /**
     * Creates a matcher.
     *
     * @throws IllegalArgumentException when the regex does not compile, with RE2's reason
     */
    public static Matcher of(String name, MatchType type, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("label name is empty");
        }
        try {
            return new Matcher(name, type, value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regex \"" + value + "\": " + e.getDescription());
        }
    }

    public String name() {
        return name;
    }

    public MatchType type() {
        return type;
    }

    public String value() {
        return value;
    }

    /** Whether the label value (null when the label is absent) satisfies this matcher. */
    public boolean matches(String labelValue) {
        String v = labelValue == null ? "" : labelValue;
        return switch (type) {
            case EQUAL -> v.equals(value);
            case NOT_EQUAL -> !v.equals(value);
            case REGEX -> pattern.matches(v);
            case NOT_REGEX -> !pattern.matches(v);
        };
    }

    /** Whether the label set satisfies this matcher. */
    public boolean matches(Map<String, String> labels) {
        return matches(labels.get(name));
    }

    /** Whether the empty string matches, i.e. whether alerts without the label match. */
    public boolean matchesEmpty() {
        return matches("");
    }

    /** The matcher in Alertmanager syntax, the value quoted and escaped. */
    @Override
    public String toString() {
        return name + type.operator() + MatcherParser.quote(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matcher m && m.name.equals(name) && m.type == type && m.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, value);
    }
}
