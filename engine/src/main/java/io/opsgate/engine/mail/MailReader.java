package io.opsgate.engine.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a mail (RFC 5322 with MIME) into the three texts an alert is made of: subject, sender and body.
 * The body is the text/plain part (in multipart/alternative too), else the HTML part as text, else the first
 * text found in nested parts or a forwarded message. Never fails: whatever cannot be read is kept raw
 * (bounded) and named in the warnings, because a mail must never be dropped for being malformed.
 */
public final class MailReader {
    /** The most of a raw body kept when the MIME structure cannot be read. */
    static final int RAW_MAX = 64 * 1024;
    private static final int MAX_DEPTH = 8;
    private static final Set<String> ENCODINGS = Set.of("7bit", "8bit", "binary", "base64", "quoted-printable",
            "uuencode", "x-uuencode", "x-uue");
    private static final Session SESSION;

    static {
        Properties p = new Properties();
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        p.setProperty("mail.mime.multipart.allowempty", "true");
        SESSION = Session.getInstance(p);
    }

    /**
     * A mail as text.
     *
     * @param subject  decoded Subject, "" when none
     * @param from     decoded From header, else the envelope sender
     * @param body     the body text
     * @param warnings what could not be read as declared
     */
    public record ReadMail(String subject, String from, String body, List<String> warnings) {
    }

    private MailReader() {
    }

    /**
     * Reads the head of a mail of {@code total} bytes: what lies beyond the head was not kept, which the warnings
     * say (the alert's parse_warning).
     */
    public static ReadMail read(byte[] head, String envelopeSender, long total) {
        ReadMail mail = read(head, envelopeSender);
        if (total <= head.length) {
            return mail;
        }
        List<String> warnings = new ArrayList<>(mail.warnings());
        warnings.add("the mail has " + total + " bytes; only its first " + head.length + " were read");
        return new ReadMail(mail.subject(), mail.from(), mail.body(), warnings);
    }

    /** Reads a mail; {@code envelopeSender} stands in for a missing From header. */
    public static ReadMail read(byte[] raw, String envelopeSender) {
        List<String> warnings = new ArrayList<>();
        MimeMessage message;
        try {
            message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        } catch (MessagingException | RuntimeException e) {
            warnings.add("the mail could not be read as RFC 5322 (" + e.getMessage() + "); kept raw");
            return new ReadMail("", envelopeSender == null ? "" : envelopeSender, rawText(raw, warnings), warnings);
        }
        String subject = header(message, "Subject", warnings);
        String from = header(message, "From", warnings);
        if (from.isEmpty()) {
            from = envelopeSender == null ? "" : envelopeSender;
        }
        String body;
        try {
            body = text(message, 0, warnings);
            if (body == null) {
                warnings.add("no text/plain or text/html part");
                body = "";
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            warnings.add("the body could not be read as MIME (" + e.getMessage() + "); kept raw");
            body = rawText(bodyBytes(raw), warnings);
        }
        return new ReadMail(subject, from, body, warnings);
    }

    private static String header(MimeMessage m, String name, List<String> warnings) {
        try {
            return EncodedWords.decode(m.getHeader(name, ", "), warnings);
        } catch (MessagingException | RuntimeException e) {
            warnings.add(name + " could not be read (" + e.getMessage() + ")");
            return "";
        }
    }

    /** The text of a part, or null when it holds none. */
    private static String text(Part part, int depth, List<String> warnings) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            warnings.add("parts nested deeper than " + MAX_DEPTH + " were not read");
            return null;
        }
        ContentType type = contentType(part, warnings);
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        if (base.startsWith("multipart/")) {
            return multipart(part, type, base.equals("multipart/alternative"), depth, warnings);
        }
        if (base.equals("message/rfc822")) {
            MimeMessage nested = new MimeMessage(SESSION, new ByteArrayInputStream(content(part, warnings)));
            return text(nested, depth + 1, warnings);
        }
        if (base.equals("text/html")) {
            return HtmlText.toText(decode(part, type, warnings));
        }
        if (base.startsWith("text/")) {
            return decode(part, type, warnings);
        }
        return null;
    }

    private static String multipart(Part part, ContentType type, boolean alternative, int depth, List<String> warnings)
            throws MessagingException, IOException {
        MimeMultipart mp = new MimeMultipart(new ByteArrayDataSource(content(part, warnings), type.toString()));
        List<BodyPart> parts = new ArrayList<>();
        for (int i = 0; i < mp.getCount(); i++) {
            parts.add(mp.getBodyPart(i));
        }
        if (alternative) {
            // The plain part says what the sender meant without markup; HTML only when there is none.
            for (BodyPart p : parts) {
                if (p.isMimeType("text/plain")) {
                    return text(p, depth + 1, warnings);
                }
            }
        }
        for (BodyPart p : parts) {
            if (!Part.ATTACHMENT.equalsIgnoreCase(disposition(p))) {
                String t = text(p, depth + 1, warnings);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    private static String disposition(Part p) {
        try {
            return p.getDisposition();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static ContentType contentType(Part part, List<String> warnings) throws MessagingException {
        String raw = part.getContentType();
        if (raw == null) {
            return new ContentType("text", "plain", null);
        }
        try {
            return new ContentType(raw);
        } catch (ParseException e) {
            warnings.add("Content-Type \"" + raw + "\" could not be read; taken as text/plain");
            return new ContentType("text", "plain", null);
        }
    }

    /** The part's content with the transfer encoding undone; an unknown encoding is read as it is. */
    private static byte[] content(Part part, List<String> warnings) throws MessagingException, IOException {
        String[] cte = part.getHeader("Content-Transfer-Encoding");
        String encoding = cte == null || cte.length == 0 ? "7bit" : cte[0].trim().toLowerCase(Locale.ROOT);
        if (!ENCODINGS.contains(encoding) && part instanceof jakarta.mail.internet.MimePart mp) {
            warnings.add("unknown Content-Transfer-Encoding \"" + cte[0].trim() + "\"; content read as it is");
            try (InputStream in = raw(mp)) {
                return in.readAllBytes();
            }
        }
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static InputStream raw(jakarta.mail.internet.MimePart part) throws MessagingException {
        if (part instanceof MimeMessage m) {
            return m.getRawInputStream();
        }
        return ((jakarta.mail.internet.MimeBodyPart) part).getRawInputStream();
    }

    private static String decode(Part part, ContentType type, List<String> warnings) throws MessagingException, IOException {
        TextDecoding.Decoded d = TextDecoding.decode(content(part, warnings), type.getParameter("charset"));
        if (d.warning() != null) {
            warnings.add("body: " + d.warning());
        }
        return d.text();
    }

    /** What follows the header block of a raw mail (the whole of it when no blank line ends the headers). */
    private static byte[] bodyBytes(byte[] raw) {
        for (int i = 0; i + 1 < raw.length; i++) {
            if (raw[i] == '\n' && (raw[i + 1] == '\n' || (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n'))) {
                int start = raw[i + 1] == '\n' ? i + 2 : i + 3;
                return java.util.Arrays.copyOfRange(raw, start, raw.length);
            }
        }
        return raw;
    }

    private static String rawText(byte[] bytes, List<String> warnings) {
        byte[] kept = bytes.length > RAW_MAX ? java.util.Arrays.copyOf(bytes, RAW_MAX) : bytes;
        if (kept != bytes) {
            warnings.add("raw content cut to " + RAW_MAX + " bytes");
        }
        TextDecoding.Decoded d = TextDecoding.detect(kept);
        return d.text();
    }
}
