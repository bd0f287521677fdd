package io.opsgate.api.text;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.opsgate.api.regex.BoundedRegex;
import io.opsgate.api.regex.RegexBudget;
import io.opsgate.api.regex.RegexTooComplexException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A text condition, as operations teams write mail filters: {@code (WARN or ERROR) and testnode_001}.
 *
 * <pre>
 * expr    := and ("or" and)*
 * and     := unary ("and" unary)*
 * unary   := "not" unary | "(" expr ")" | term
 * term    := [field ":"] ( word | ["c"] "quoted text" | /regex/[i] )
 * field   := subject | body | from | summary | description
 * </pre>
 * Keywords are case-insensitive; {@code not} binds tightest, then {@code and}, then {@code or}.
 * A word or quoted text matches as a case-insensitive substring; {@code c"..."} is case-sensitive.
 * A regex is RE2 and matches anywhere in the text ({@code /.../i} ignores case). Without a field a
 * term looks at every field.
 */
public final class TextCondition {

    private final String source;
    private final Node root;

    private TextCondition(String source, Node root) {
        this.source = source;
        this.root = root;
    }

    /**
     * Parses a condition.
     *
     * @throws TextConditionException with the 1-based position of the first error
     */
    public static TextCondition parse(String text) {
        return parse(text, RegexBudget.perObject());
    }

    /**
     * Parses a condition, charging its regexes to {@code budget} (shared with the other regexes of its rule).
     *
     * @throws TextConditionException with the 1-based position of the first error
     * @throws RegexTooComplexException when a regex would cost too much to compile, with its position
     */
    public static TextCondition parse(String text, RegexBudget budget) {
        if (text == null || text.isBlank()) {
            throw new TextConditionException(1, "the condition is empty");
        }
        Parser p = new Parser(text, budget);
        Node root = p.expression();
        p.skipSpaces();
        if (!p.atEnd()) {
            if (p.peek() == ')') {
                throw p.error("unmatched )");
            }
            throw p.error("expected and, or, or the end of the condition");
        }
        return new TextCondition(text, root);
    }

    /** Whether the texts satisfy the condition. Absent fields are empty. */
    public boolean matches(Map<TextField, String> texts) {
        return root.eval(new Texts(texts));
    }

    @Override
    public String toString() {
        return source;
    }

    /** Texts of one alert with their lower-case forms computed once. */
    private static final class Texts {
        final Map<TextField, String> raw = new EnumMap<>(TextField.class);
        final Map<TextField, String> lower = new EnumMap<>(TextField.class);

        Texts(Map<TextField, String> texts) {
            for (TextField f : TextField.values()) {
                String t = texts.get(f);
                raw.put(f, t == null ? "" : t);
                lower.put(f, t == null ? "" : t.toLowerCase(Locale.ROOT));
            }
        }

        boolean any(TextField field, Predicate<TextField> test) {
            if (field != null) {
                return test.test(field);
            }
            for (TextField f : TextField.values()) {
                if (test.test(f)) {
                    return true;
                }
            }
            return false;
        }
    }

    private interface Node {
        boolean eval(Texts t);
    }

    private record Or(List<Node> parts) implements Node {
        public boolean eval(Texts t) {
            for (Node n : parts) {
                if (n.eval(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record And(List<Node> parts) implements Node {
        public boolean eval(Texts t) {
            for (Node n : parts) {
                if (!n.eval(t)) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Not(Node inner) implements Node {
        public boolean eval(Texts t) {
            return !inner.eval(t);
        }
    }

    private record Substring(TextField field, String needle, boolean caseSensitive) implements Node {
        public boolean eval(Texts t) {
            if (caseSensitive) {
                return t.any(field, f -> t.raw.get(f).contains(needle));
            }
            String lowered = needle.toLowerCase(Locale.ROOT);
            return t.any(field, f -> t.lower.get(f).contains(lowered));
        }
    }

    private record Regex(TextField field, Pattern pattern) implements Node {
        public boolean eval(Texts t) {
            return t.any(field, f -> pattern.matcher(t.raw.get(f)).find());
        }
    }

    private static final class Parser {
        private final String s;
        private final RegexBudget budget;
        private int pos;
        private int depth;

        Parser(String s, RegexBudget budget) {
            this.s = s;
            this.budget = budget;
        }

        Node expression() {
            if (++depth > 100) {
                throw error("nested too deeply");
            }
            List<Node> parts = new ArrayList<>();
            parts.add(and());
            while (keyword("or")) {
                parts.add(and());
            }
            depth--;
            return parts.size() == 1 ? parts.get(0) : new Or(parts);
        }

        private Node and() {
            List<Node> parts = new ArrayList<>();
            parts.add(unary());
            while (keyword("and")) {
                parts.add(unary());
            }
            return parts.size() == 1 ? parts.get(0) : new And(parts);
        }

        private Node unary() {
            skipSpaces();
            if (keyword("not")) {
                return new Not(unary());
            }
            skipSpaces();
            if (atEnd()) {
                throw error("expected a term, not or (");
            }
            if (peek() == '(') {
                int open = pos;
                pos++;
                Node inner = expression();
                skipSpaces();
                if (atEnd() || peek() != ')') {
                    throw new TextConditionException(open + 1, "( is not closed");
                }
                pos++;
                return inner;
            }
            return term();
        }

        private Node term() {
            TextField field = null;
            int start = pos;
            int colon = fieldPrefixEnd();
            if (colon > 0) {
                String name = s.substring(pos, colon).toLowerCase(Locale.ROOT);
                field = TextField.of(name);
                pos = colon + 1;
                if (atEnd() || Character.isWhitespace(peek())) {
                    throw error("expected a term after " + name + ":");
                }
            }
            char c = peek();
            if (c == '"' || (c == 'c' && pos + 1 < s.length() && s.charAt(pos + 1) == '"')) {
                boolean sensitive = c == 'c';
                if (sensitive) {
                    pos++;
                }
                String text = quoted();
                if (text.isEmpty()) {
                    throw new TextConditionException(start + 1, "empty quoted text");
                }
                return new Substring(field, text, sensitive);
            }
            if (c == '/') {
                return regex(field);
            }
            if (c == ')') {
                throw error("expected a term before )");
            }
            int from = pos;
            while (!atEnd() && !Character.isWhitespace(peek()) && peek() != '(' && peek() != ')' && peek() != '"') {
                pos++;
            }
            String word = s.substring(from, pos);
            if (word.isEmpty()) {
                throw error("expected a term");
            }
            String lw = word.toLowerCase(Locale.ROOT);
            if (lw.equals("and") || lw.equals("or")) {
                throw new TextConditionException(from + 1, "expected a term before " + lw);
            }
            return new Substring(field, word, false);
        }

        /** The index of the colon of a known field prefix at pos, or -1. */
        private int fieldPrefixEnd() {
            int i = pos;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            if (i < s.length() && s.charAt(i) == ':' && i > pos
                    && TextField.of(s.substring(pos, i).toLowerCase(Locale.ROOT)) != null) {
                return i;
            }
            return -1;
        }

        private String quoted() {
            int open = pos;
            pos++;
            StringBuilder sb = new StringBuilder();
            while (!atEnd()) {
                char ch = s.charAt(pos++);
                if (ch == '"') {
                    return sb.toString();
                }
                if (ch == '\\' && !atEnd()) {
                    sb.append(s.charAt(pos++));
                } else {
                    sb.append(ch);
                }
            }
            throw new TextConditionException(open + 1, "quoted text is not closed");
        }

        private Node regex(TextField field) {
            int open = pos;
            pos++;
            StringBuilder sb = new StringBuilder();
            boolean closed = false;
            while (!atEnd()) {
                char ch = s.charAt(pos++);
                if (ch == '\\' && !atEnd() && s.charAt(pos) == '/') {
                    sb.append('/');
                    pos++;
                } else if (ch == '/') {
                    closed = true;
                    break;
                } else {
                    sb.append(ch);
                }
            }
            if (!closed) {
                throw new TextConditionException(open + 1, "regex is not closed with /");
            }
            int flags = 0;
            if (!atEnd() && peek() == 'i') {
                flags = Pattern.CASE_INSENSITIVE;
                pos++;
            }
            if (sb.length() == 0) {
                throw new TextConditionException(open + 1, "empty regex");
            }
            try {
                return new Regex(field, BoundedRegex.compile(sb.toString(), flags, budget));
            } catch (PatternSyntaxException e) {
                throw new TextConditionException(open + 1, "invalid regex /" + sb + "/: " + e.getDescription());
            } catch (RegexTooComplexException e) {
                throw e.at("at position " + (open + 1) + ": ");
            }
        }

        /** Consumes a keyword followed by a space, ( or the end. */
        private boolean keyword(String word) {
            skipSpaces();
            int end = pos + word.length();
            if (end <= s.length() && s.regionMatches(true, pos, word, 0, word.length())
                    && (end == s.length() || Character.isWhitespace(s.charAt(end)) || s.charAt(end) == '('
                    || s.charAt(end) == '"' || s.charAt(end) == '/')) {
                pos = end;
                return true;
            }
            return false;
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        TextConditionException error(String message) {
            return new TextConditionException(pos + 1, message);
        }
    }
}
