package io.opsgate.engine.alerting;

import io.opsgate.api.matcher.MatchType;
import io.opsgate.api.matcher.Matcher;

import java.util.Set;

/**
 * A matcher compiled for the hot path with the same answers as {@link Matcher}: equality, and regexes
 * that are only a list of literals ({@code critical|warning}), become a set lookup; a literal prefix
 * ({@code db-.*}) becomes startsWith; anything else runs RE2 as before. Literal sets are also what the
 * rule index files rules under.
 */
public final class LabelMatcher {
    private static final String LITERAL = "^[A-Za-z0-9_\\-:/ ,=@%#~]*$";

    private final String name;
    private final boolean negate;
    private final Set<String> oneOf;
    private final String prefix;
    private final Matcher fallback;

    private LabelMatcher(String name, boolean negate, Set<String> oneOf, String prefix, Matcher fallback) {
        this.name = name;
        this.negate = negate;
        this.oneOf = oneOf;
        this.prefix = prefix;
        this.fallback = fallback;
    }

    /** Compiles a matcher. */
    public static LabelMatcher of(Matcher m) {
        boolean negate = m.type() == MatchType.NOT_EQUAL || m.type() == MatchType.NOT_REGEX;
        if (m.type() == MatchType.EQUAL || m.type() == MatchType.NOT_EQUAL) {
            return new LabelMatcher(m.name(), negate, Set.of(m.value()), null, null);
        }
        String re = m.value();
        if (re.matches("^[A-Za-z0-9_\\-:/ ,=@%#~|]*$")) {
            return new LabelMatcher(m.name(), negate, Set.copyOf(java.util.Arrays.asList(re.split("\\|", -1))), null, null);
        }
        if (re.endsWith(".*") && re.substring(0, re.length() - 2).matches(LITERAL)) {
            return new LabelMatcher(m.name(), negate, null, re.substring(0, re.length() - 2), null);
        }
        return new LabelMatcher(m.name(), false, null, null, m);
    }

    public String name() {
        return name;
    }

    /** The literal values a label must have for this matcher to hold, or null when it is not such a matcher. */
    public Set<String> requiredValues() {
        return negate ? null : oneOf;
    }

    /** Whether the value (null when the label is absent, which matches as "") satisfies the matcher. */
    public boolean matches(String labelValue) {
        String v = labelValue == null ? "" : labelValue;
        if (oneOf != null) {
            return oneOf.contains(v) != negate;
        }
        if (prefix != null) {
            return v.startsWith(prefix) != negate;
        }
        return fallback.matches(v);
    }
}
