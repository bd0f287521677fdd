package io.opsgate.testing.regex;

import java.util.ArrayList;
import java.util.List;

/**
 * Regexes a tenant could write, hostile and ordinary, with what opsgate's bounded compiler must do with each
 * (docs/iso27017.md, issue 13): nested counted repetitions, huge and Unicode classes, deep groups, long literals,
 * alternations of thousands, syntax errors, and the patterns monitoring people write every day. Every entry point
 * that takes a regex (API filters and silences, AlertRule matchers and text, AlertSource patterns, Monitor
 * bodyMatches; through the validator, the webhook, the operator and the engine) runs all of them.
 */
public final class RegexCorpus {

    /** What the compiler does with a pattern. */
    public enum Verdict {
        /** Compiles. */
        ACCEPTED,
        /** Refused before compiling: it would cost too much (RegexTooComplex). */
        TOO_COMPLEX,
        /** Not RE2 (InvalidRegex, InvalidMatcher); refused by RE2/J's parser, which is quick. */
        INVALID
    }

    /**
     * One pattern.
     *
     * @param name    what it is, for test output
     * @param pattern the regex as the user writes it (no quoting)
     * @param verdict what the bounded compiler does with it alone
     */
    public record Entry(String name, String pattern, Verdict verdict) {
        @Override
        public String toString() {
            return name + " (" + pattern.length() + " chars, " + verdict + ")";
        }
    }

    private RegexCorpus() {
    }

    /** Every pattern, at least 50. None contains a '/' or a newline, so each fits every entry point's syntax. */
    public static List<Entry> all() {
        List<Entry> c = new ArrayList<>();
        // nested and counted repetitions
        c.add(too("three nested 1000s", "((a{1000}){1000}){1000}"));
        c.add(too("two nested 1000s", "(a{1000}){1000}"));
        c.add(too("nested empty groups", "(?:(?:){1000}){1000}"));
        c.add(too("four nested 10s capturing", "((((a{10}){10}){10}){10})"));
        c.add(too("just over the program size", "(?:a{999}){11}"));
        c.add(ok("just under the program size", "(?:a{999}){10}"));
        c.add(ok("nested 100 by 50", "(?:a{100}){50}"));
        c.add(too("nested ranges 0 to 1000", "((a{0,1000}){0,1000})"));
        c.add(too("empty-width repeated", "(?:\\b{1000}){100}"));
        c.add(ok("three 1000s in a row", "x{1000}y{1000}z{1000}"));
        c.add(ok("any up to 1000", ".{1,1000}"));
        c.add(ok("alternation repeated", "(a|b|c){1000}"));
        c.add(too("wider alternation repeated", "(a|b|c|d|e|f){1000}"));
        c.add(too("alphabet repeated 300 times", "(" + String.join("|", letters()) + "){300}"));
        c.add(ok("repetition of nothing", "(?:a{0}){1000}"));
        c.add(ok("stars of stars", "(a*)*(b+)+(c?)?"));
        c.add(ok("backtracking killer elsewhere", "(x+x+)+y"));
        c.add(ok("alternation that backtracks elsewhere", "(a|aa)+$"));
        c.add(ok("twenty any-then-a", "(.*a){20}"));
        // classes
        c.add(ok("host name characters", "[a-zA-Z0-9_.-]{1,64}"));
        c.add(ok("all of Unicode, repeated", "[\\x{1}-\\x{10FFFF}]{1000}"));
        c.add(ok("empty complement", "[^\\x00-\\x{10FFFF}]"));
        c.add(ok("a class of 500 ranges", "[" + ranges(500) + "]"));
        c.add(too("a class of 1300 ranges", "[" + ranges(1300) + "]"));
        c.add(too("a class of 900 single characters", "[" + "abcdefghijklmnopqrstuvwxyz0123456789".repeat(25) + "]"));
        c.add(too("a class longer than the limit", "[" + ranges(2800) + "]"));
        c.add(ok("POSIX class", "[[:alpha:]]+"));
        c.add(ok("dot-all 1000", "(?s).{1000}"));
        // Unicode classes
        c.add(ok("letters", "\\p{L}+"));
        c.add(ok("folded complement of letters and digits", "(?i)[^\\p{L}\\p{N}]{1,50}"));
        c.add(ok("scripts", "\\p{Greek}\\p{Han}\\p{Cyrillic}"));
        c.add(ok("64 Unicode classes", "\\p{L}".repeat(64)));
        c.add(too("65 Unicode classes", "\\p{L}".repeat(65)));
        c.add(ok("folded upper-case letters, 1000", "(?i)\\p{Lu}{1000}"));
        c.add(ok("not a letter, 500", "\\PL{500}"));
        // deep groups
        c.add(ok("groups 100 deep", "(".repeat(100) + "a" + ")".repeat(100)));
        c.add(too("groups 101 deep", "(".repeat(101) + "a" + ")".repeat(101)));
        c.add(too("non-capturing groups 2000 deep", "(?:".repeat(2000) + "a" + ")".repeat(2000)));
        c.add(ok("ten nested groups", "((((((((((a))))))))))"));
        // long literals
        c.add(ok("a literal of 2048", "a".repeat(2048)));
        c.add(too("a literal of 2049", "a".repeat(2049)));
        c.add(too("a literal of 8192", "b".repeat(8192)));
        c.add(too("eight literals of 1000", ("f".repeat(1000) + ".").repeat(8)));
        c.add(too("a literal of 100000", "x".repeat(100_000)));
        c.add(ok("a folded literal of 2000", "(?i)" + "k".repeat(2000)));
        c.add(ok("four literals of 1000", ("g".repeat(1000) + "\\d").repeat(4)));
        c.add(ok("a quoted blow-up is a literal", "\\Q((a{1000}){1000}){1000}\\E"));
        // alternations of thousands
        c.add(ok("1500 alternatives", alternatives(1500, "", 4)));
        c.add(ok("900 host names", alternatives(900, "host-", 8)));
        c.add(too("5000 alternatives", alternatives(5000, "a", 3)));
        c.add(too("3000 host names", alternatives(3000, "web-", 8)));
        c.add(ok("severities", "(?:critical|warning|info)"));
        // syntax errors
        c.add(bad("unclosed group", "(unclosed"));
        c.add(bad("repeat count over 1000", "a{1001}"));
        c.add(bad("nested repetition operator", "a**"));
        c.add(bad("back-reference", "(a)\\1"));
        c.add(bad("look-behind", "(?<=x)y"));
        c.add(bad("reversed range", "[z-a]"));
        c.add(bad("unclosed class", "[abc"));
        // what people write
        c.add(ok("EC2 host", "^ip-10-0-[0-9]+-[0-9]+\\.ec2\\.internal$"));
        c.add(ok("named group", "(?P<host>[A-Za-z0-9_.-]+)"));
        c.add(ok("IPv4", "[0-9]{1,3}(\\.[0-9]{1,3}){3}"));
        c.add(ok("ISO time", "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}"));
        c.add(ok("anything", ".*"));
        c.add(ok("prefix", "Disk.*"));
        c.add(ok("Japanese alert words", "(?:障害|警告|復旧)\\s*(?P<node>\\S+)"));
        return List.copyOf(c);
    }

    private static Entry ok(String name, String pattern) {
        return new Entry(name, pattern, Verdict.ACCEPTED);
    }

    private static Entry too(String name, String pattern) {
        return new Entry(name, pattern, Verdict.TOO_COMPLEX);
    }

    private static Entry bad(String name, String pattern) {
        return new Entry(name, pattern, Verdict.INVALID);
    }

    private static List<String> letters() {
        List<String> l = new ArrayList<>();
        for (char ch = 'a'; ch <= 'z'; ch++) {
            l.add(String.valueOf(ch));
        }
        return l;
    }

    /** {@code n} ranges of three characters each ({@code a-c}), distinct, above U+0100 and below the surrogates. */
    private static String ranges(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int from = 0x100 + i * 4;
            sb.appendCodePoint(from).append('-').appendCodePoint(from + 2);
        }
        return sb.toString();
    }

    /** {@code n} distinct literals of {@code width} characters each: prefix and a zero-padded number. */
    private static String alternatives(int n, String prefix, int width) {
        StringBuilder sb = new StringBuilder();
        int digits = width - prefix.length();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append('|');
            }
            String num = String.valueOf(i);
            sb.append(prefix).append("0".repeat(Math.max(0, digits - num.length()))).append(num);
        }
        return sb.toString();
    }
}
