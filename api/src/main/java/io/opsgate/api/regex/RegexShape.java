package io.opsgate.api.regex;

import java.util.ArrayDeque;

/**
 * What compiling an RE2 pattern will cost, read from its text in one pass without compiling it: about how many
 * instructions the program gets once counted repetitions are expanded ({@code x{n,m}} becomes m copies of x, so
 * nested repetitions multiply), how deeply groups nest, how many Unicode classes ({@code \p{..}}) must be built,
 * and what its literal runs and character classes cost the parser (RE2/J copies a literal string each time it grows
 * by a character, so a run of n characters costs n squared; a class of n ranges costs about as much). RE2/J bounds matching time but not these, so
 * {@code ((a{1000}){1000}){1000}} would be a program of 10^9 instructions.
 *
 * <p>The estimate errs high: a construct it does not understand counts as a literal, and every atom costs at
 * least one instruction (RE2/J spends time on empty repetitions too). Syntax errors are RE2/J's to report; a
 * pattern that does not parse is measured as far as it goes, so the estimate never runs longer than the text.
 *
 * @param programSize    instructions, counted repetitions expanded; saturates at {@link Long#MAX_VALUE}
 * @param depth          deepest group nesting
 * @param unicodeClasses number of {@code \p} / {@code \P} classes
 * @param literalWork    the sum of the squares of the literal runs' lengths
 * @param classWork      the sum of the squares of the character classes' item counts (RE2/J merges a class's
 *                       ranges as it reads them, again about quadratically)
 */
record RegexShape(long programSize, int depth, int unicodeClasses, long literalWork, long classWork) {

    /** Measures a pattern; stops counting nesting beyond {@code depthCap} (the caller refuses such a pattern). */
    static RegexShape of(String pattern, int depthCap) {
        return new Measure(pattern, depthCap).run();
    }

    /** One group being read: what its finished alternatives cost, the branch being read, its last atom. */
    private static final class Frame {
        final boolean capturing;
        long alternatives;
        int branches = 1;
        long branch;
        long last;
        boolean hasLast;

        Frame(boolean capturing) {
            this.capturing = capturing;
        }

        void atom(long size) {
            last = Math.max(1, size);
            hasLast = true;
            branch = add(branch, last);
        }

        /** Replaces the last atom by its repetition. */
        void repeat(long times, long extra) {
            if (!hasLast) {
                // "missing argument to repetition operator": RE2/J refuses it; count the operator as a literal.
                atom(1);
                return;
            }
            branch -= last;
            last = add(multiply(last, Math.max(1, times)), extra);
            branch = add(branch, last);
        }

        void bar() {
            alternatives = add(alternatives, branch);
            branches++;
            branch = 0;
            hasLast = false;
        }

        long size() {
            long inner = add(add(alternatives, branch), branches - 1L);
            return capturing ? add(inner, 2) : inner;
        }
    }

    /** The largest count RE2/J accepts in {n,m}. */
    private static final int RE2_MAX_REPEAT = 1000;

    private static final class Measure {
        private final String s;
        private final int depthCap;
        private final ArrayDeque<Frame> stack = new ArrayDeque<>();
        private int pos;
        private int depth;
        private int unicode;
        private long run;
        private long literalWork;
        private long classWork;
        /** Whether the token just read was a literal character (anything else ends the run). */
        private boolean literalGoesOn;

        Measure(String s, int depthCap) {
            this.s = s;
            this.depthCap = depthCap;
        }

        RegexShape run() {
            Frame top = new Frame(false);
            stack.push(top);
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                Frame f = stack.peek();
                switch (c) {
                    case '(' -> open();
                    case ')' -> close();
                    case '|' -> f.bar();
                    case '*', '+', '?' -> {
                        f.repeat(1, 1);
                        lazy();
                    }
                    case '{' -> brace(f);
                    case '[' -> {
                        klass();
                        f.atom(1);
                    }
                    case '\\' -> escape(f);
                    case '.', '^', '$' -> f.atom(1);
                    default -> literal(f);
                }
                if (!literalGoesOn) {
                    endRun();
                }
                literalGoesOn = false;
                if (depth > depthCap) {
                    break;
                }
            }
            while (stack.size() > 1) {
                close();
            }
            endRun();
            return new RegexShape(stack.peek().size(), depth, unicode, literalWork, classWork);
        }

        /** A character that extends the literal run being read. */
        private void literal(Frame f) {
            f.atom(1);
            run++;
            literalGoesOn = true;
        }

        private void endRun() {
            literalWork = add(literalWork, multiply(run, run));
            run = 0;
        }

        private void open() {
            boolean capturing = true;
            if (pos < s.length() && s.charAt(pos) == '?') {
                int end = pos + 1;
                if (end < s.length() && (s.charAt(end) == 'P' || s.charAt(end) == '<')) {
                    int close = s.indexOf('>', end);
                    pos = close < 0 ? s.length() : close + 1;
                } else {
                    while (end < s.length() && s.charAt(end) != ':' && s.charAt(end) != ')') {
                        end++;
                    }
                    if (end < s.length() && s.charAt(end) == ')') {
                        // (?flags): sets flags for the rest of the group, no group of its own.
                        pos = end + 1;
                        return;
                    }
                    pos = Math.min(s.length(), end + 1);
                    capturing = false;
                }
            }
            stack.push(new Frame(capturing));
            depth = Math.max(depth, stack.size() - 1);
        }

        private void close() {
            if (stack.size() == 1) {
                stack.peek().atom(1);
                return;
            }
            Frame done = stack.pop();
            stack.peek().atom(done.size());
        }

        /** {n}, {n,}, {n,m}: a counted repetition; anything else after { is a literal, as in RE2. */
        private void brace(Frame f) {
            int i = pos;
            long min = 0;
            int digits = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && digits < 9) {
                min = min * 10 + (s.charAt(i++) - '0');
                digits++;
            }
            if (digits == 0 || i >= s.length()) {
                f.atom(1);
                return;
            }
            long max = min;
            boolean open = false;
            if (s.charAt(i) == ',') {
                i++;
                int maxDigits = 0;
                long m = 0;
                while (i < s.length() && Character.isDigit(s.charAt(i)) && maxDigits < 9) {
                    m = m * 10 + (s.charAt(i++) - '0');
                    maxDigits++;
                }
                if (maxDigits == 0) {
                    open = true;
                } else {
                    max = m;
                }
            }
            if (i >= s.length() || s.charAt(i) != '}' || min > RE2_MAX_REPEAT || max > RE2_MAX_REPEAT) {
                // Not a repetition (a literal {), or one RE2/J refuses with its own message.
                f.atom(1);
                return;
            }
            pos = i + 1;
            long times = Math.max(min, max);
            f.repeat(times, open ? 1 : Math.max(0, max - min));
            lazy();
        }

        private void lazy() {
            if (pos < s.length() && s.charAt(pos) == '?') {
                pos++;
            }
        }

        /** Reads a character class: counts its items (a character, a range, a named class) and the Unicode classes. */
        private void klass() {
            long items = 0;
            if (pos < s.length() && s.charAt(pos) == '^') {
                pos++;
            }
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                items++;
            }
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == ']') {
                    break;
                }
                item(c);
                items++;
                if (pos + 1 < s.length() && s.charAt(pos) == '-' && s.charAt(pos + 1) != ']') {
                    pos++;
                    item(s.charAt(pos++));
                }
            }
            classWork = add(classWork, multiply(items, items));
        }

        /** One character of a class, already consumed, with what it brings along (an escape, a [:name:]). */
        private void item(char c) {
            if (c == '\\' && pos < s.length()) {
                classEscape();
            } else if (c == '[' && pos < s.length() && s.charAt(pos) == ':') {
                int end = s.indexOf(":]", pos + 1);
                if (end > 0) {
                    pos = end + 2;
                }
            }
        }

        private void classEscape() {
            char e = s.charAt(pos++);
            if (e == 'p' || e == 'P') {
                unicode++;
                skipBraced(1);
            } else if (e == 'x') {
                skipBraced(2);
            }
        }

        private void escape(Frame f) {
            if (pos >= s.length()) {
                f.atom(1);
                return;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case 'Q' -> {
                    int end = s.indexOf("\\E", pos);
                    int stop = end < 0 ? s.length() : end;
                    for (; pos < stop; pos++) {
                        literal(f);
                    }
                    pos = end < 0 ? s.length() : end + 2;
                }
                case 'p', 'P' -> {
                    unicode++;
                    skipBraced(1);
                    f.atom(1);
                }
                case 'x' -> {
                    skipBraced(2);
                    literal(f);
                }
                case 'd', 'D', 's', 'S', 'w', 'W', 'b', 'B', 'A', 'z', 'C' -> f.atom(1);
                default -> literal(f);
            }
        }

        /** After \p, \P or \x: a braced name or number, else {@code chars} characters (a letter, a hex pair). */
        private void skipBraced(int chars) {
            if (pos < s.length() && s.charAt(pos) == '{') {
                int end = s.indexOf('}', pos);
                pos = end < 0 ? s.length() : end + 1;
            } else {
                pos = Math.min(s.length(), pos + chars);
            }
        }
    }

    private static long add(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static long multiply(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }
}
