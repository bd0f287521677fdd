package io.opsgate.api.matcher;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.opsgate.api.regex.BoundedRegex;
import io.opsgate.api.regex.RegexBudget;

import java.util.Map;
import java.util.Objects;

/**
 * One label matcher with Alertmanager's semantics: a missing label matches as the empty string, and
 * regexes are RE2 anchored at both ends ({@code ^(?:re)$}). RE2 runs in linear time, so a tenant's
 * regex cannot stall the pipeline; {@link BoundedRegex} bounds what compiling it takes.
 */
public final class Matcher {
    private final String name;
    private final MatchType type;
    private final String value;
    private final Pattern pattern;

    private Matcher(String name, MatchType type, String value, RegexBudget budget) {
        this.name = name;
        this.type = type;
        this.value = value;
        if (type == MatchType.REGEX || type == MatchType.NOT_REGEX) {
            this.pattern = BoundedRegex.compileAnchored(value, Pattern.DOTALL, budget);
        } else {
            this.pattern = null;
        }
    }

    /**
     * Creates a matcher.
     *
     * @throws IllegalArgumentException when the regex does not compile, with RE2's reason
     * @throws io.opsgate.api.regex.RegexTooComplexException when compiling the regex would cost too much
     */
    public static Matcher of(String name, MatchType type, String value) {
        return of(name, type, value, RegexBudget.perObject());
    }

    /** As {@link #of(String, MatchType, String)}, charging the regex to {@code budget}. */
    public static Matcher of(String name, MatchType type, String value, RegexBudget budget) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("label name is empty");
        }
        try {
            return new Matcher(name, type, value, budget);
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
