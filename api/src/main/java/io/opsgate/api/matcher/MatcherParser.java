package io.opsgate.api.matcher;

import io.opsgate.api.regex.RegexBudget;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses matchers as Alertmanager configuration and amtool write them: {@code name="value"},
 * {@code name=~"a|b"}, {@code name != value}, and braced lists {@code {a="1", b=~"x.*"}}. Values may be
 * double-quoted with Go escapes ({@code \" \\ \n \t}) or bare; label names may also be quoted.
 */
public final class MatcherParser {

    private MatcherParser() {
    }

    /**
     * Parses one matcher.
     *
     * @throws IllegalArgumentException naming the position and what was expected
     */
    public static Matcher parse(String text) {
        return parse(text, RegexBudget.perObject());
    }

    /**
     * Parses one matcher, charging its regex to {@code budget} (shared by the matchers of one object or request).
     *
     * @throws IllegalArgumentException naming the position and what was expected
     * @throws io.opsgate.api.regex.RegexTooComplexException when its regex would cost too much to compile
     */
    public static Matcher parse(String text, RegexBudget budget) {
        if (text == null) {
            throw new IllegalArgumentException("matcher is empty");
        }
        Cursor c = new Cursor(text);
        c.skipSpaces();
        Matcher m = parseOne(c, false, budget);
        c.skipSpaces();
        if (!c.atEnd()) {
            throw c.error("unexpected \"" + c.rest() + "\" after the value; quote values that contain spaces or commas");
        }
        return m;
    }

    /**
     * Parses a comma-separated list, optionally in braces, as amtool's {@code --filter} and the API's
     * {@code filter} parameter take it.
     */
    public static List<Matcher> parseList(String text) {
        return parseList(text, RegexBudget.perObject());
    }

    /** As {@link #parseList(String)}, charging every regex to {@code budget}. */
    public static List<Matcher> parseList(String text, RegexBudget budget) {
        List<Matcher> result = new ArrayList<>();
        if (text == null) {
            return result;
        }
        Cursor c = new Cursor(text);
        c.skipSpaces();
        boolean braced = c.peek() == '{';
        if (braced) {
            c.next();
        }
        c.skipSpaces();
        while (!c.atEnd() && !(braced && c.peek() == '}')) {
            result.add(parseOne(c, true, budget));
            c.skipSpaces();
            if (!c.atEnd() && c.peek() == ',') {
                c.next();
                c.skipSpaces();
            } else {
                break;
            }
        }
        if (braced) {
            if (c.atEnd() || c.peek() != '}') {
                throw c.error("expected } to close the matcher list");
            }
            c.next();
        }
        c.skipSpaces();
        if (!c.atEnd()) {
            throw c.error("unexpected \"" + c.rest() + "\"");
        }
        return result;
    }

    private static Matcher parseOne(Cursor c, boolean inList, RegexBudget budget) {
        int start = c.pos;
        String name;
        if (c.peek() == '"') {
            name = c.quoted();
        } else {
            int from = c.pos;
            while (!c.atEnd() && isNameChar(c.peek())) {
                c.next();
            }
            name = c.text.substring(from, c.pos);
            if (name.isEmpty()) {
                throw c.error("expected a label name");
            }
            if (!Character.isLetter(name.charAt(0)) && name.charAt(0) != '_') {
                throw new IllegalArgumentException("at position " + (start + 1) + ": label name \"" + name
                        + "\" must start with a letter or _");
            }
        }
        c.skipSpaces();
        MatchType type = c.operator();
        c.skipSpaces();
        String value;
        if (!c.atEnd() && c.peek() == '"') {
            value = c.quoted();
        } else {
            int from = c.pos;
            while (!c.atEnd() && !(inList && (c.peek() == ',' || c.peek() == '}'))) {
                if (c.peek() == '"') {
                    throw c.error("a quote inside an unquoted value; quote the whole value");
                }
                c.next();
            }
            value = c.text.substring(from, c.pos).strip();
        }
        return Matcher.of(name, type, value, budget);
    }

    private static boolean isNameChar(char ch) {
        return Character.isLetterOrDigit(ch) || ch == '_' || ch == ':' || ch == '.' || ch == '-' || ch == '/';
    }

    /** Quotes a value the way Alertmanager prints it. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }

    private static final class Cursor {
        final String text;
        int pos;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return atEnd() ? '\0' : text.charAt(pos);
        }

        char next() {
            return text.charAt(pos++);
        }

        String rest() {
            return text.substring(pos);
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        MatchType operator() {
            if (text.startsWith("=~", pos)) {
                pos += 2;
                return MatchType.REGEX;
            }
            if (text.startsWith("!~", pos)) {
                pos += 2;
                return MatchType.NOT_REGEX;
            }
            if (text.startsWith("!=", pos)) {
                pos += 2;
                return MatchType.NOT_EQUAL;
            }
            if (text.startsWith("==", pos)) {
                throw error("== is not an operator; use =, !=, =~ or !~");
            }
            if (text.startsWith("=", pos)) {
                pos += 1;
                return MatchType.EQUAL;
            }
            throw error("expected an operator =, !=, =~ or !~");
        }

        String quoted() {
            int open = pos;
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (!atEnd()) {
                char ch = next();
                if (ch == '"') {
                    return sb.toString();
                }
                if (ch == '\\') {
                    if (atEnd()) {
                        break;
                    }
                    char esc = next();
                    switch (esc) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case '"' -> sb.append('"');
                        case '\\' -> sb.append('\\');
                        default -> {
                            // Regexes like \d keep their backslash, as Go's strconv.Unquote would refuse
                            // them but Alertmanager users write them in YAML unescaped.
                            sb.append('\\').append(esc);
                        }
                    }
                } else {
                    sb.append(ch);
                }
            }
            pos = open;
            throw error("unterminated quoted string");
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("at position " + (pos + 1) + ": " + message);
        }
    }
}
