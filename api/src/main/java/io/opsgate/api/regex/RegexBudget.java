package io.opsgate.api.regex;

/**
 * What the regexes of one object (an AlertRule's matchers and text, an AlertSource's patterns) or of one API
 * request (its filters) may cost together. Each limit holds for every pattern alone and for all of them together,
 * so a request cannot add up a hundred patterns that are each just below the limit.
 *
 * <ul>
 *   <li>{@link #MAX_LENGTH} characters of pattern text;</li>
 *   <li>{@link #MAX_PROGRAM} instructions once counted repetitions are expanded (nested ones multiply);</li>
 *   <li>{@link #MAX_DEPTH} nested groups in one pattern (RE2/J recurses on them);</li>
 *   <li>{@link #MAX_UNICODE_CLASSES} Unicode classes ({@code \p{L}}: each is built from thousands of ranges);</li>
 *   <li>literal runs whose squared lengths add up to {@link #MAX_LITERAL_WORK}, one run of 2048 characters (RE2/J
 *       copies a literal string each time it grows, so a run of n characters costs n squared to parse);</li>
 *   <li>character classes whose squared item counts add up to {@link #MAX_CLASS_WORK}, one class of 512 characters
 *       or ranges (reading a class costs about as much).</li>
 * </ul>
 * Within these limits the slowest pattern of the corpus test compiles in a few milliseconds (docs/iso27017.md).
 * Not thread-safe: one budget serves one validation or one request.
 */
public final class RegexBudget {
    public static final int MAX_LENGTH = 8192;
    public static final long MAX_PROGRAM = 10_000;
    public static final int MAX_DEPTH = 100;
    public static final int MAX_UNICODE_CLASSES = 64;
    public static final long MAX_LITERAL_WORK = 2048L * 2048L;
    public static final long MAX_CLASS_WORK = 512L * 512L;

    private long length;
    private long program;
    private int unicodeClasses;
    private long literalWork;
    private long classWork;
    private int patterns;

    private RegexBudget() {
    }

    /** A budget for the regexes of one object or one request. */
    public static RegexBudget perObject() {
        return new RegexBudget();
    }

    /**
     * Refuses the pattern when it, alone or with those charged before, exceeds a limit; else charges it. The length
     * is checked before the text is read, so a huge pattern costs nothing but its length.
     */
    void charge(String pattern) {
        String together = patterns == 0 ? "" : " (with the " + patterns + " regex" + (patterns == 1 ? "" : "es")
                + " before it)";
        if (length + pattern.length() > MAX_LENGTH) {
            throw refused(pattern, "is longer than " + MAX_LENGTH + " characters" + together, "regexLength", MAX_LENGTH);
        }
        RegexShape shape = RegexShape.of(pattern, MAX_DEPTH + 1);
        if (shape.depth() > MAX_DEPTH) {
            throw refused(pattern, "nests groups more than " + MAX_DEPTH + " deep", "regexDepth", MAX_DEPTH);
        }
        long alone = shape.programSize();
        if (alone > MAX_PROGRAM || program + alone > MAX_PROGRAM) {
            String how = alone > MAX_PROGRAM ? "would compile to " + about(alone) + " instructions"
                    : "would bring the regexes of this object to about " + (program + alone) + " instructions";
            throw refused(pattern, how + "; the limit is " + MAX_PROGRAM + " (counted repetitions are copied out, so "
                    + "nested ones multiply: ((a{10}){10}){10} is 1000 a's)", "regexProgramSize", MAX_PROGRAM);
        }
        if (unicodeClasses + shape.unicodeClasses() > MAX_UNICODE_CLASSES) {
            throw refused(pattern, "uses more than " + MAX_UNICODE_CLASSES + " Unicode classes (\\p{..})" + together,
                    "regexUnicodeClasses", MAX_UNICODE_CLASSES);
        }
        if (literalWork + shape.literalWork() > MAX_LITERAL_WORK) {
            throw refused(pattern, "has literal text too long to parse cheaply" + together + ": runs of plain "
                    + "characters may add up to about 2048 (a run of n characters costs n squared); match a "
                    + "shorter part of the text", "regexLiteralLength", 2048);
        }
        if (classWork + shape.classWork() > MAX_CLASS_WORK) {
            throw refused(pattern, "has character classes too large to parse cheaply" + together + ": their "
                    + "characters and ranges may add up to about 512 (a class of n costs n squared)",
                    "regexClassSize", 512);
        }
        length += pattern.length();
        program += shape.programSize();
        unicodeClasses += shape.unicodeClasses();
        literalWork += shape.literalWork();
        classWork += shape.classWork();
        patterns++;
    }

    private static String about(long size) {
        return size == Long.MAX_VALUE ? "more than 10^18" : "about " + size;
    }

    private static RegexTooComplexException refused(String pattern, String why, String limit, long maximum) {
        String shown = pattern.length() > 60 ? pattern.substring(0, 57) + "..." : pattern;
        return new RegexTooComplexException("regex \"" + shown + "\" is too complex: it " + why, limit, maximum);
    }
}
