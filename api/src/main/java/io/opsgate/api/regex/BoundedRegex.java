package io.opsgate.api.regex;

import com.google.re2j.Pattern;

/**
 * The one way opsgate compiles a regex a user wrote (API filters and silences, AlertRule matchers and text
 * conditions, AlertSource patterns, Monitor bodyMatches): RE2 through RE2/J, after its cost was measured from the
 * text and found within a {@link RegexBudget}. RE2 already bounds the time a match takes; this bounds what
 * compiling takes, which RE2/J does not: {@code ((a{1000}){1000}){1000}} is 24 characters and a program of 10^9
 * instructions. Measuring is one pass over at most {@link RegexBudget#MAX_LENGTH} characters and allocates
 * nothing per character.
 */
public final class BoundedRegex {
    private BoundedRegex() {
    }

    /** Compiles one pattern on its own budget. */
    public static Pattern compile(String regex) {
        return compile(regex, 0, RegexBudget.perObject());
    }

    /**
     * Compiles {@code regex} with RE2/J's {@code flags}, charging it to {@code budget}.
     *
     * @throws RegexTooComplexException when it exceeds a limit, alone or with what the budget holds already
     * @throws com.google.re2j.PatternSyntaxException when it is not an RE2 regex
     */
    public static Pattern compile(String regex, int flags, RegexBudget budget) {
        budget.charge(regex);
        return Pattern.compile(regex, flags);
    }

    /** As {@link #compile(String, int, RegexBudget)}, matching the whole text: {@code ^(?:regex)$}, as Alertmanager. */
    public static Pattern compileAnchored(String regex, int flags, RegexBudget budget) {
        budget.charge(regex);
        return Pattern.compile("^(?:" + regex + ")$", flags);
    }
}
