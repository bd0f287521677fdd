package io.opsgate.engine.importer;

import io.opsgate.api.matcher.MatchType;
import io.opsgate.api.matcher.Matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Alertmanager's matcher syntax as its configuration parser reads it (the "classic" parser of
 * Alertmanager 0.25, {@code pkg/labels/parse.go}): a comma-separated list, optionally in braces, of
 * {@code name op value}, the value bare or double-quoted with {@code \"}, {@code \\} and {@code \n}
 * as escapes and any other backslash kept. Written from its documented rules; the equivalence test
 * checks the outcome against amtool.
 */
final class AmMatchers {
    private static final Pattern ONE =
            Pattern.compile("^\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(=~|=|!=|!~)\\s*((?s).*?)\\s*$");
    private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

    private AmMatchers() {
    }

    /**
     * Parses one entry of a {@code matchers} list, which may hold several matchers.
     *
     * @throws IllegalArgumentException with Alertmanager's reason
     */
    static List<Matcher> parseList(String s) {
        String text = s;
        if (text.startsWith("{")) {
            text = text.substring(1);
        }
        if (text.endsWith("}")) {
            text = text.substring(0, text.length() - 1);
        }
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean insideQuotes = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ',' && !insideQuotes) {
                tokens.add(token.toString());
                token.setLength(0);
                continue;
            }
            if (cp == '"') {
                if (!escaped) {
                    insideQuotes = !insideQuotes;
                } else {
                    escaped = false;
                }
            } else if (cp == '\\') {
                escaped = !escaped;
            } else {
                escaped = false;
            }
            token.appendCodePoint(cp);
        }
        String last = token.toString().strip();
        if (!last.isEmpty()) {
            tokens.add(last);
        }
        List<Matcher> result = new ArrayList<>();
        for (String t : tokens) {
            result.add(parseOne(t));
        }
        return result;
    }

    private static Matcher parseOne(String s) {
        java.util.regex.Matcher m = ONE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad matcher format: " + s);
        }
        String raw = m.group(3);
        boolean expectTrailingQuote = false;
        if (raw.startsWith("\"")) {
            raw = raw.substring(1);
            expectTrailingQuote = true;
        }
        StringBuilder value = new StringBuilder();
        boolean escaped = false;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (escaped) {
                escaped = false;
                switch (cp) {
                    case 'n' -> value.append('\n');
                    case '"', '\\' -> value.appendCodePoint(cp);
                    default -> value.append('\\').appendCodePoint(cp);
                }
            } else if (cp == '\\') {
                if (next < raw.length()) {
                    escaped = true;
                } else {
                    value.append('\\');
                }
            } else if (cp == '"') {
                if (!expectTrailingQuote || next < raw.length()) {
                    throw new IllegalArgumentException("matcher value contains unescaped double quote: " + m.group(3));
                }
                expectTrailingQuote = false;
            } else {
                value.appendCodePoint(cp);
            }
            i = next;
        }
        if (expectTrailingQuote) {
            throw new IllegalArgumentException("matcher value contains unescaped double quote: " + m.group(3));
        }
        MatchType type = switch (m.group(2)) {
            case "=" -> MatchType.EQUAL;
            case "!=" -> MatchType.NOT_EQUAL;
            case "=~" -> MatchType.REGEX;
            default -> MatchType.NOT_REGEX;
        };
        return of(m.group(1), type, value.toString());
    }

    /**
     * A matcher, with the regex compiled as Alertmanager does (anchored RE2).
     *
     * @throws IllegalArgumentException when the regex does not compile
     */
    static Matcher of(String name, MatchType type, String value) {
        return Matcher.of(name, type, value);
    }

    /** Whether a label name is valid where Alertmanager checks it (match keys, group_by, equal). */
    static boolean isLabelName(String name) {
        return name != null && LABEL_NAME.matcher(name).matches();
    }

    /** The matcher as opsgate's matcher syntax writes it, so that it parses back to the same matcher. */
    static String format(Matcher m) {
        String name = LABEL_NAME.matcher(m.name()).matches() ? m.name() : quote(m.name());
        return name + m.type().operator() + quote(m.value());
    }

    private static String quote(String value) {
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
}
