package io.opsgate.api.regex;

/**
 * A regex refused before compiling because compiling it would cost too much (see {@link RegexBudget} for the
 * limits). An {@link IllegalArgumentException}, so callers that report bad input report this too; those that
 * tell the two apart give it the reason {@code RegexTooComplex}.
 */
public final class RegexTooComplexException extends IllegalArgumentException {
    private final String limit;
    private final long maximum;

    RegexTooComplexException(String message, String limit, long maximum) {
        super(message);
        this.limit = limit;
        this.maximum = maximum;
    }

    /** The same refusal with where it was found put before the message, e.g. "at position 7: ". */
    public RegexTooComplexException at(String where) {
        return new RegexTooComplexException(where + getMessage(), limit, maximum);
    }

    /**
     * Which limit was exceeded: {@code regexLength}, {@code regexProgramSize}, {@code regexDepth},
     * {@code regexUnicodeClasses}, {@code regexLiteralLength} or {@code regexClassSize}.
     */
    public String limit() {
        return limit;
    }

    /** The value of that limit. */
    public long maximum() {
        return maximum;
    }
}
