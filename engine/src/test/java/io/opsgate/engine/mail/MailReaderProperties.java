package io.opsgate.engine.mail;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MIME reader against mails as tools send them, cut, spliced and sprinkled with bytes: it always answers
 * with texts (the raw mail kept when MIME fails) and never throws, so the SMTP intake can store every mail.
 */
class MailReaderProperties {
    private static final List<byte[]> VALID = List.of(
            mail("Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?= WARN testnode_001\r\nFrom: zabbix@example.com\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n"
                    + "Content-Transfer-Encoding: 7bit\r\n\r\n\u001b$B%F%9%H\u001b(B body\r\n"),
            mail("Subject: disk\r\nFrom: a@b\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                    + "caf=C3=A9 =\r\nfull\r\n--b1\r\nContent-Type: text/html; charset=UTF-8\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\nPGI+Y2Fmw6k8L2I+\r\n--b1--\r\n"),
            mail("Subject: sjis\r\nContent-Type: text/plain; charset=Shift_JIS\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\ngsSCt4Ln\r\n"),
            mail("Subject: nested\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n"
                    + "Content-Type: multipart/related; boundary=y\r\n\r\n--y\r\nContent-Type: text/plain\r\n\r\nin\r\n"
                    + "--y--\r\n--x\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment\r\n\r\n"
                    + "AAAA\r\n--x--\r\n"));

    private static byte[] mail(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Provide
    Arbitrary<byte[]> mails() {
        Arbitrary<byte[]> garbled = Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(0, 4_000),
                        Arbitraries.integers().between(0, 60), Arbitraries.bytes().array(byte[].class).ofMaxSize(16),
                        Arbitraries.of("cut", "insert", "replace", "truncate"))
                .as((valid, at, len, piece, how) -> {
                    int pos = at % (valid.length + 1);
                    int end = Math.min(valid.length, pos + len);
                    byte[] head = Arrays.copyOfRange(valid, 0, pos);
                    byte[] tail = Arrays.copyOfRange(valid, how.equals("insert") ? pos : end, valid.length);
                    return switch (how) {
                        case "cut" -> concat(head, tail, new byte[0]);
                        case "insert", "replace" -> concat(head, piece, tail);
                        default -> head;
                    };
                });
        return Arbitraries.oneOf(garbled, Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        byte[] out = Arrays.copyOf(a, a.length + b.length + c.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }

    @Property(tries = 1500)
    void everyMailGivesTextsAndNothingEscapes(@ForAll("mails") byte[] raw) {
        MailReader.ReadMail read = MailReader.read(raw, "sender@example.com");
        assertThat(read.subject()).isNotNull();
        assertThat(read.from()).isNotNull();
        assertThat(read.body()).isNotNull();
        assertThat(read.warnings()).isNotNull().allSatisfy(w -> assertThat(w).isNotBlank());
        // A mail MIME could not read is kept raw: its bytes after the headers are still there as text.
        if (read.warnings().stream().anyMatch(w -> w.contains("kept raw")) && containsLetters(raw)) {
            assertThat(read.subject() + read.body()).isNotBlank();
        }
    }

    private static boolean containsLetters(byte[] raw) {
        for (byte b : raw) {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
                return true;
            }
        }
        return false;
    }
}
