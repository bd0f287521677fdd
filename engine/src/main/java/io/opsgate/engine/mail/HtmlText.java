package io.opsgate.engine.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * HTML mail bodies to plain text, for mails that have no text/plain part: tags dropped, block ends as line
 * breaks, scripts, styles and comments left out, character references decoded. One pass over the input,
 * so a hostile document costs linear time.
 */
final class HtmlText {
    /** Longer HTML is cut before conversion: the alert keeps far less text than this anyway. */
    static final int MAX_INPUT = 2 * 1024 * 1024;
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2",
            "h3", "h4", "h5", "h6", "pre", "blockquote", "hr", "dt", "dd", "section", "article", "header", "footer");
    private static final Set<String> SKIPPED = Set.of("script", "style", "head", "title");
    private static final Map<String, String> ENTITIES = Map.ofEntries(Map.entry("amp", "&"), Map.entry("lt", "<"),
            Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", " "),
            Map.entry("copy", "©"), Map.entry("reg", "®"), Map.entry("yen", "¥"), Map.entry("hellip", "…"),
            Map.entry("mdash", "—"), Map.entry("ndash", "–"), Map.entry("times", "×"), Map.entry("laquo", "«"),
            Map.entry("raquo", "»"));

    private HtmlText() {
    }

    static String toText(String html) {
        String s = html.length() > MAX_INPUT ? html.substring(0, MAX_INPUT) : html;
        StringBuilder out = new StringBuilder(Math.min(s.length(), 64 * 1024));
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '<') {
                if (s.startsWith("<!--", i)) {
                    int end = s.indexOf("-->", i + 4);
                    i = end < 0 ? s.length() : end + 3;
                    continue;
                }
                int close = s.indexOf('>', i + 1);
                if (close < 0) {
                    out.append(s, i, s.length());
                    break;
                }
                String name = tagName(s, i + 1, close);
                boolean endTag = i + 1 < close && s.charAt(i + 1) == '/';
                i = close + 1;
                if (!endTag && SKIPPED.contains(name)) {
                    int end = indexOfIgnoreCase(s, "</" + name, i);
                    int gt = end < 0 ? -1 : s.indexOf('>', end);
                    i = gt < 0 ? s.length() : gt + 1;
                } else if (BLOCKS.contains(name) && (out.length() == 0 || out.charAt(out.length() - 1) != '\n')) {
                    out.append('\n');
                } else if (name.equals("td") || name.equals("th")) {
                    out.append(endTag ? "" : " ");
                }
            } else if (c == '&') {
                int semi = s.indexOf(';', i + 1);
                String decoded = semi > i && semi - i <= 10 ? entity(s.substring(i + 1, semi)) : null;
                if (decoded != null) {
                    out.append(decoded);
                    i = semi + 1;
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c == '\r' || c == '\n' || c == '\t' ? ' ' : c);
                i++;
            }
        }
        return tidy(out);
    }

    private static String tagName(String s, int from, int to) {
        int i = from;
        if (i < to && s.charAt(i) == '/') {
            i++;
        }
        int start = i;
        while (i < to && Character.isLetterOrDigit(s.charAt(i))) {
            i++;
        }
        return s.substring(start, i).toLowerCase(Locale.ROOT);
    }

    private static int indexOfIgnoreCase(String s, String needle, int from) {
        for (int i = from; i <= s.length() - needle.length(); i++) {
            if (s.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    private static String entity(String name) {
        if (name.startsWith("#")) {
            try {
                int cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ENTITIES.get(name.toLowerCase(Locale.ROOT));
    }

    /** Spaces collapsed within lines, lines trimmed, at most one empty line in a row. */
    private static String tidy(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        int empty = 0;
        for (String line : text.toString().split("\n", -1)) {
            String l = line.replaceAll("[ \\u00a0]+", " ").trim();
            if (l.isEmpty()) {
                empty++;
                continue;
            }
            if (out.length() > 0) {
                out.append(empty > 0 ? "\n\n" : "\n");
            }
            out.append(l);
            empty = 0;
        }
        return out.toString();
    }
}
