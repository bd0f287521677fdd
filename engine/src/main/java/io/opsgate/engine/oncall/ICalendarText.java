package io.opsgate.engine.oncall;

import java.nio.charset.StandardCharsets;

/**
 * RFC 5545 content lines: TEXT values escaped (section 3.3.11) and lines folded at 75 octets (section
 * 3.1) without splitting a UTF-8 character, every line ended by CRLF.
 */
final class ICalendarText {
    static final int MAX_OCTETS = 75;

    private ICalendarText() {
    }

    /** Escapes a TEXT value: backslash, semicolon, comma and newlines. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case ';' -> sb.append("\\;");
                case ',' -> sb.append("\\,");
                case '\n' -> sb.append("\\n");
                case '\r' -> {
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                        sb.append("\\n");
                    }
                }
                default -> {
                    // Other control characters are not allowed in TEXT.
                    if (c >= 0x20 || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Appends {@code line} folded: at most 75 octets per physical line, continuations starting with a space. */
    static void appendFolded(StringBuilder out, String line) {
        int octets = 0;
        int limit = MAX_OCTETS;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = MAX_OCTETS - 1; // the leading space counts
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
