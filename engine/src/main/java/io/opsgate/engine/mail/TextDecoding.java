package io.opsgate.engine.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bytes to text the way Japanese mail needs it. The declared charset is tried first, strictly; when it does
 * not decode, the charsets such mail is really written in are tried: ISO-2022-JP sent by Windows mailers
 * with NEC and IBM extensions (CP50220), Shift_JIS that is really Windows-31J, EUC-JP with vendor extensions.
 * Without a declaration (or with one the JDK does not know) the bytes are recognised: escape sequences mean
 * ISO-2022-JP, valid UTF-8 is UTF-8, otherwise Windows-31J or EUC-JP, whichever reads as more Japanese.
 * What decodes with no charset cleanly is decoded with replacement characters and a warning.
 */
final class TextDecoding {
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final Charset EUC_JP = Charset.forName("EUC-JP");
    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");

    /**
     * Decoded text.
     *
     * @param text    the text
     * @param warning what went wrong, or null
     */
    record Decoded(String text, String warning) {
    }

    private TextDecoding() {
    }

    /** Decodes {@code bytes} declared as {@code label} (null when undeclared). */
    static Decoded decode(byte[] bytes, String label) {
        Charset declared = charset(label);
        if (declared == null) {
            Decoded d = detect(bytes);
            if (label != null && !label.isBlank() && d.warning() == null) {
                return new Decoded(d.text(), "unknown charset \"" + label + "\"; decoded as detected");
            }
            return d;
        }
        String strict = strict(bytes, declared);
        if (strict != null) {
            return new Decoded(strict, null);
        }
        for (Charset c : fallbacks(declared)) {
            String text = strict(bytes, c);
            if (text != null) {
                // Not a warning: this is how these systems label that charset; the text is exact.
                return new Decoded(text, null);
            }
        }
        if (declared.equals(StandardCharsets.UTF_8) || declared.equals(StandardCharsets.US_ASCII)) {
            Decoded d = detect(bytes);
            if (d.warning() == null) {
                return new Decoded(d.text(), "declared " + declared.name() + " but is not; decoded as detected");
            }
        }
        return new Decoded(new String(bytes, declared), "not valid " + declared.name()
                + "; undecodable bytes replaced with U+FFFD");
    }

    /** Recognises undeclared bytes. */
    static Decoded detect(byte[] bytes) {
        boolean ascii = true;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0x1b && i + 1 < bytes.length && (bytes[i + 1] == '$' || bytes[i + 1] == '(')) {
                return decode(bytes, "ISO-2022-JP");
            }
            if (bytes[i] < 0) {
                ascii = false;
            }
        }
        if (ascii) {
            return new Decoded(new String(bytes, StandardCharsets.US_ASCII), null);
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return new Decoded(utf8, null);
        }
        String sjis = strict(bytes, WINDOWS_31J);
        String euc = strict(bytes, EUC_JP);
        if (sjis != null && (euc == null || score(sjis) >= score(euc))) {
            return new Decoded(sjis, null);
        }
        if (euc != null) {
            return new Decoded(euc, null);
        }
        return new Decoded(new String(bytes, StandardCharsets.UTF_8),
                "unknown 8-bit text (not UTF-8, Shift_JIS or EUC-JP); undecodable bytes replaced with U+FFFD");
    }

    /** The charset of a label, or null when none is given or the JDK does not know it. */
    static Charset charset(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        String name = label.trim();
        int star = name.indexOf('*');
        if (star > 0) {
            name = name.substring(0, star);
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<Charset> fallbacks(Charset declared) {
        List<Charset> result = new ArrayList<>();
        String name = declared.name().toLowerCase(Locale.ROOT);
        if (declared.equals(ISO_2022_JP) || name.startsWith("iso-2022-jp")) {
            add(result, "x-windows-50220");
            add(result, "x-windows-50221");
        } else if (name.equals("shift_jis")) {
            result.add(WINDOWS_31J);
        } else if (declared.equals(EUC_JP)) {
            add(result, "x-eucJP-Open");
        } else if (declared.equals(StandardCharsets.UTF_8)) {
            // Some tools say UTF-8 and send Windows-31J; checked strictly, so real UTF-8 never gets here.
            result.add(WINDOWS_31J);
        }
        return result;
    }

    private static void add(List<Charset> list, String name) {
        if (Charset.isSupported(name)) {
            list.add(Charset.forName(name));
        }
    }

    private static String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** How Japanese a text reads: kana and kanji count for it, half-width kana and controls against. */
    private static int score(String s) {
        int score = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\u3040' && c <= '\u309f') {
                score += 2;
            } else if ((c >= '\u30a0' && c <= '\u30ff') || (c >= '\u4e00' && c <= '\u9fff')) {
                score += 1;
            } else if (c >= '\uff61' && c <= '\uff9f') {
                score -= 1;
            } else if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                score -= 5;
            }
        }
        return score;
    }
}
