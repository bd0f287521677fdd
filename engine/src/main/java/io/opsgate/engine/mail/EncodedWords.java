package io.opsgate.engine.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Header text to Unicode: RFC 2047 encoded words, and the raw 8-bit or ISO-2022-JP text that Japanese
 * systems still put in headers. Adjacent encoded words in one charset are joined as bytes before decoding,
 * because mailers split multi-byte characters (and ISO-2022-JP escape sequences) across words.
 */
final class EncodedWords {
    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

    private EncodedWords() {
    }

    /**
     * Decodes a header value as Jakarta Mail returns it (unparsed; 8-bit bytes as ISO-8859-1 characters).
     * Never throws: a word that does not decode stays as written, and {@code warnings} says so.
     */
    static String decode(String raw, List<String> warnings) {
        if (raw == null) {
            return "";
        }
        String header = raw.replaceAll("\r?\n(?=[ \t])", "").replace("\r", "").replace("\n", "");
        StringBuilder out = new StringBuilder(header.length());
        Matcher m = WORD.matcher(header);
        int last = 0;
        String pendingCharset = null;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        while (m.find()) {
            String between = header.substring(last, m.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            if (!adjacent) {
                flush(out, pendingCharset, pending, warnings);
                pendingCharset = null;
                out.append(plain(between, warnings));
            }
            byte[] bytes = wordBytes(m.group(2), m.group(3));
            if (bytes == null) {
                flush(out, pendingCharset, pending, warnings);
                pendingCharset = null;
                warnings.add("encoded word " + m.group() + " is not valid " + m.group(2).toUpperCase() + " encoding");
                out.append(m.group());
            } else {
                String charset = m.group(1);
                if (pendingCharset != null && !pendingCharset.equalsIgnoreCase(charset)) {
                    flush(out, pendingCharset, pending, warnings);
                }
                pendingCharset = charset;
                pending.write(bytes, 0, bytes.length);
            }
            last = m.end();
        }
        flush(out, pendingCharset, pending, warnings);
        out.append(plain(header.substring(last), warnings));
        return out.toString().trim();
    }

    private static void flush(StringBuilder out, String charset, ByteArrayOutputStream pending, List<String> warnings) {
        if (charset == null || pending.size() == 0) {
            pending.reset();
            return;
        }
        TextDecoding.Decoded d = TextDecoding.decode(pending.toByteArray(), charset);
        if (d.warning() != null) {
            warnings.add("header: " + d.warning());
        }
        out.append(d.text());
        pending.reset();
    }

    /** Text outside encoded words: ASCII as is; 8-bit bytes or ISO-2022-JP escapes decoded as detected. */
    private static String plain(String s, List<String> warnings) {
        boolean raw = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xff) {
                return s;
            }
            if (c >= 0x80 || c == 0x1b) {
                raw = true;
            }
        }
        if (!raw) {
            return s;
        }
        TextDecoding.Decoded d = TextDecoding.detect(s.getBytes(StandardCharsets.ISO_8859_1));
        if (d.warning() != null) {
            warnings.add("header: " + d.warning());
        }
        return d.text();
    }

    private static byte[] wordBytes(String encoding, String text) {
        if (encoding.equalsIgnoreCase("B")) {
            String padded = text;
            while (padded.length() % 4 != 0) {
                padded += "=";
            }
            try {
                return Base64.getMimeDecoder().decode(padded);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                out.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else if (c == '=') {
                return null;
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
