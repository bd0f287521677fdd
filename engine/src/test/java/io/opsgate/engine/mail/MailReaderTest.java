package io.opsgate.engine.mail;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.opsgate.engine.mail.RawMail.bWord;
import static io.opsgate.engine.mail.RawMail.base64Lines;
import static io.opsgate.engine.mail.RawMail.encode;
import static io.opsgate.engine.mail.RawMail.headers;
import static io.opsgate.engine.mail.RawMail.lines;
import static org.assertj.core.api.Assertions.assertThat;

/** Mails as monitoring tools, batch schedulers and Japanese mailers send them, read back exactly. */
class MailReaderTest {

    private static MailReader.ReadMail read(RawMail m) {
        return MailReader.read(m.toBytes(), "envelope@example.jp");
    }

    @Test
    void iso2022jpSubjectSplitOverEncodedWordsAndAJapaneseBody() {
        // The first word is written out as a Japanese mailer sent it; the rest is split mid-text.
        String body = "ホスト testnode_001 でディスク使用率が 95% を超えました。\r\n対応をお願いします。\r\n";
        MailReader.ReadMail mail = read(headers(
                "From: =?ISO-2022-JP?B?GyRCJTglZyVWNElNfRsoQg==?= <jp1@demo.example>",
                "To: alerts@demo.opsgate.example",
                "Subject: =?ISO-2022-JP?B?GyRCIVo+YzMyIVsbKEI=?= testnode_001",
                " " + bWord("ディスク使用率", "ISO-2022-JP") + " 95%",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=ISO-2022-JP",
                "Content-Transfer-Encoding: 7bit").body(encode(body, "ISO-2022-JP")));
        assertThat(mail.subject()).isEqualTo("【障害】 testnode_001 ディスク使用率 95%");
        assertThat(mail.from()).isEqualTo("ジョブ管理 <jp1@demo.example>");
        assertThat(mail.body()).isEqualTo(body);
        assertThat(mail.warnings()).isEmpty();
    }

    @Test
    void shiftJisBodyIn8BitAndWindowsOnlyCharactersUnderTheShiftJisLabel() {
        // ① and ㈱ exist only in Windows-31J, yet mailers label such text Shift_JIS.
        String body = "【警告】① サーバ db-02 応答なし\r\n㈱オプスゲート 監視センター\r\n";
        MailReader.ReadMail mail = read(headers(
                "From: monitor@demo.example",
                "Subject: " + bWord("応答なし db-02", "UTF-8"),
                "Content-Type: text/plain; charset=Shift_JIS",
                "Content-Transfer-Encoding: 8bit").body(encode(body, "windows-31j")));
        assertThat(mail.subject()).isEqualTo("応答なし db-02");
        assertThat(mail.body()).isEqualTo(body);
        assertThat(mail.warnings()).isEmpty();
    }

    @Test
    void iso2022jpLabelThatIsReallyCp50220() {
        String body = "①停止 ②再起動 ㈱テスト ～\r\n";
        MailReader.ReadMail mail = read(headers("Subject: cp50220",
                "Content-Type: text/plain; charset=\"iso-2022-jp\"").body(encode(body, "x-windows-50220")));
        assertThat(mail.body()).isEqualTo(body);
        assertThat(mail.warnings()).isEmpty();
    }

    @Test
    void eucJpBody() {
        String body = "バックアップ処理が異常終了しました (rc=12)\r\n";
        MailReader.ReadMail mail = read(headers("Subject: backup",
                "Content-Type: text/plain; charset=EUC-JP").body(encode(body, "EUC-JP")));
        assertThat(mail.body()).isEqualTo(body);
    }

    @Test
    void multipartAlternativePrefersThePlainPart() {
        String plain = "CPU使用率が閾値を超えました: 97%\r\nhost=web-01\r\n";
        String html = "<html><body><p>CPU <b>97%</b></p></body></html>";
        MailReader.ReadMail mail = read(headers(
                "From: Zabbix <zabbix@demo.example>",
                "Subject: Problem: High CPU on web-01",
                "MIME-Version: 1.0",
                "Content-Type: multipart/alternative; boundary=\"b1_a8f\"").body(lines(
                        "This is a multi-part message in MIME format.",
                        "--b1_a8f",
                        "Content-Type: text/html; charset=UTF-8",
                        "Content-Transfer-Encoding: base64",
                        "")).bytes(base64Lines(html.getBytes(StandardCharsets.UTF_8))).bytes(lines(
                        "",
                        "--b1_a8f",
                        "Content-Type: text/plain; charset=UTF-8",
                        "Content-Transfer-Encoding: base64",
                        "")).bytes(base64Lines(plain.getBytes(StandardCharsets.UTF_8))).bytes(lines("", "--b1_a8f--")));
        assertThat(mail.subject()).isEqualTo("Problem: High CPU on web-01");
        assertThat(mail.body()).isEqualTo(plain);
        assertThat(mail.warnings()).isEmpty();
    }

    @Test
    void anHtmlOnlyMailBecomesText() {
        MailReader.ReadMail mail = read(headers("Subject: html",
                "Content-Type: multipart/alternative; boundary=zz").body(lines(
                "--zz",
                "Content-Type: text/html; charset=us-ascii",
                "",
                "<html><head><style>p{color:red}</style><title>t</title></head><body>",
                "<p>Job <b>NIGHTLY-42</b> failed &amp; was retried&nbsp;3&#x20;times</p><div>rc=8</div>",
                "<script>alert(1)</script><!-- hidden --></body></html>",
                "--zz--")));
        assertThat(mail.body()).isEqualTo("Job NIGHTLY-42 failed & was retried 3 times\nrc=8");
    }

    @Test
    void quotedPrintableBodyWithSoftBreaksAndUtf8() {
        String expected = "夜間バッチ JOB-7 が失敗しました。これは長い行で、送信側が quoted-printable のソフト改行で折り返しています。\r\n";
        MailReader.ReadMail mail = read(headers("Subject: =?UTF-8?Q?=E5=A4=9C=E9=96=93=E3=83=90?= =?UTF-8?Q?=E3=83=83=E3=83=81_failed?=",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable").body(qp(expected)));
        // The second word starts mid-character: its bytes join the first word's before decoding.
        assertThat(mail.subject()).isEqualTo("夜間バッチ failed");
        assertThat(mail.body()).isEqualTo(expected);
        assertThat(mail.warnings()).isEmpty();
    }

    @Test
    void rawEightBitAndRawIso2022jpSubjects() {
        MailReader.ReadMail utf8 = read(headers().rawHeader("Subject", "監視 ALERT".getBytes(StandardCharsets.UTF_8))
                .body(lines("x")));
        assertThat(utf8.subject()).isEqualTo("監視 ALERT");
        MailReader.ReadMail sjis = read(headers().rawHeader("Subject", encode("障害発生 host-a", "Shift_JIS"))
                .body(lines("x")));
        assertThat(sjis.subject()).isEqualTo("障害発生 host-a");
        MailReader.ReadMail jis = read(headers().rawHeader("Subject", encode("復旧 host-a", "ISO-2022-JP"))
                .body(lines("x")));
        assertThat(jis.subject()).isEqualTo("復旧 host-a");
    }

    @Test
    void aForwardedMessageIsReadForItsText() {
        MailReader.ReadMail mail = read(headers("Subject: Fwd: disk",
                "Content-Type: multipart/mixed; boundary=outer").body(lines(
                "--outer",
                "Content-Type: message/rfc822",
                "",
                "Subject: disk full",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "disk /var full on app-3",
                "--outer",
                "Content-Type: application/pdf; name=report.pdf",
                "Content-Disposition: attachment; filename=report.pdf",
                "Content-Transfer-Encoding: base64",
                "",
                "JVBERi0xLjQK",
                "--outer--")));
        // The line break before a boundary belongs to the boundary (RFC 2046).
        assertThat(mail.body()).isEqualTo("disk /var full on app-3");
    }

    @Test
    void withoutFromTheEnvelopeSenderStandsIn() {
        MailReader.ReadMail mail = read(headers("Subject: s").body(lines("b")));
        assertThat(mail.from()).isEqualTo("envelope@example.jp");
        assertThat(mail.body()).isEqualTo("b\r\n");
    }

    @Test
    void whatCannotBeReadIsKeptRawWithAWarning() {
        MailReader.ReadMail unknownEncoding = read(headers("Subject: x", "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: x-made-up").body(lines("still here")));
        assertThat(unknownEncoding.body()).isEqualTo("still here\r\n");
        assertThat(unknownEncoding.warnings()).anyMatch(w -> w.contains("x-made-up"));

        MailReader.ReadMail badCharset = read(headers("Subject: x", "Content-Type: text/plain; charset=x-no-such")
                .body(encode("日本語", "UTF-8")));
        assertThat(badCharset.body()).isEqualTo("日本語");
        assertThat(badCharset.warnings()).anyMatch(w -> w.contains("x-no-such"));

        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 'a', (byte) 0x80, (byte) 0x81, 'z'};
        MailReader.ReadMail undecodable = read(headers("Subject: x", "Content-Type: text/plain; charset=utf-8")
                .body(garbage));
        assertThat(undecodable.body()).contains("a").contains("z");
        assertThat(undecodable.warnings()).isNotEmpty();

        MailReader.ReadMail badBase64Word = read(headers("Subject: =?UTF-8?B?****?= tail").body(lines("b")));
        assertThat(badBase64Word.subject()).contains("tail");
    }

    /** Quoted-printable as a mailer writes it: UTF-8 bytes, =XX escapes, soft breaks at 76 characters. */
    private static byte[] qp(String text) {
        StringBuilder out = new StringBuilder();
        int col = 0;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xff;
            String piece;
            if (v == '\r' || v == '\n') {
                out.append((char) v);
                col = 0;
                continue;
            } else if (v >= 33 && v <= 126 && v != '=') {
                piece = String.valueOf((char) v);
            } else if (v == ' ') {
                piece = " ";
            } else {
                piece = String.format("=%02X", v);
            }
            if (col + piece.length() > 75) {
                out.append("=\r\n");
                col = 0;
            }
            out.append(piece);
            col += piece.length();
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
