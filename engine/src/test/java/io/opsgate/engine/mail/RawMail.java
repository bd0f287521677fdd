package io.opsgate.engine.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Raw RFC 5322 bytes written by hand, as monitoring tools put them on the wire: header lines, a blank line,
 * and body bytes already in their charset and transfer encoding. No MIME library is involved, so what the
 * reader gets is exactly what a tool would send.
 */
final class RawMail {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static RawMail headers(String... lines) {
        RawMail m = new RawMail();
        for (String l : lines) {
            m.line(l);
        }
        return m;
    }

    RawMail line(String ascii) {
        return bytes(ascii(ascii)).crlf();
    }

    /** A header whose value is raw bytes (8-bit or ISO-2022-JP), as some Japanese systems still send. */
    RawMail rawHeader(String name, byte[] value) {
        bytes((name + ": ").getBytes(StandardCharsets.US_ASCII));
        return bytes(value).crlf();
    }

    RawMail crlf() {
        return bytes(new byte[]{'\r', '\n'});
    }

    RawMail bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** Ends the header block and writes the body bytes as they are. */
    RawMail body(byte[] body) {
        crlf();
        return bytes(body);
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    static byte[] encode(String text, String charset) {
        return text.getBytes(Charset.forName(charset));
    }

    /** An RFC 2047 B-encoded word of {@code text} in {@code charset}. */
    static String bWord(String text, String charset) {
        return "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(encode(text, charset)) + "?=";
    }

    /** Base64 in 76-character lines, as MIME bodies carry it. */
    static byte[] base64Lines(byte[] data) {
        return Base64.getMimeEncoder(76, new byte[]{'\r', '\n'}).encode(data);
    }

    /** CRLF-separated ASCII lines. */
    static byte[] lines(String... lines) {
        return ascii(String.join("\r\n", lines) + "\r\n");
    }

    /** CRLF-separated lines in a charset, for bodies whose Content-Type names it. */
    static byte[] lines(Charset charset, String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(charset);
    }

    /** Header lines and body lines written by {@link #lines(String...)} are 7-bit; anything else is a test bug. */
    private static byte[] ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                throw new IllegalArgumentException("not ASCII at " + i + ": " + s);
            }
        }
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
