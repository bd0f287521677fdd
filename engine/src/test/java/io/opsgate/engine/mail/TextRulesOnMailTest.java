package io.opsgate.engine.mail;

import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.AlertSourceSpec;
import io.opsgate.api.v1alpha1.TenantLimits;
import io.opsgate.engine.alerting.AlertView;
import io.opsgate.engine.domain.IncomingAlert;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.pipeline.TenantEngine;
import io.opsgate.engine.sources.MailSource;
import io.opsgate.engine.sources.SourceSet;
import io.opsgate.engine.support.MemoryStore;
import io.opsgate.engine.support.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.opsgate.engine.mail.RawMail.bWord;
import static io.opsgate.engine.mail.RawMail.encode;
import static io.opsgate.engine.mail.RawMail.headers;
import static io.opsgate.engine.mail.RawMail.lines;
import static io.opsgate.engine.support.Rules.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Text rules as operations teams write them, evaluated on mails as they arrive: each row is a rule's text
 * condition, a raw mail, and whether the mail ends in a ticket. The mail is read, made into an alert by a
 * mail source and taken through the tenant's pipeline, where the rule opens the ticket or not.
 */
class TextRulesOnMailTest {

    static Stream<Arguments> table() {
        return Stream.of(
                arguments("(WARN or ERROR) and testnode_001", ascii("[ERROR] testnode_001 down"), true),
                arguments("(WARN or ERROR) and testnode_001", ascii("[INFO] testnode_001 up"), false),
                arguments("(WARN or ERROR) and testnode_001", ascii("[WARN] testnode_002 slow"), false),
                // and binds tighter than or: this reads WARN or (ERROR and testnode_001).
                arguments("WARN or ERROR and testnode_001", ascii("[WARN] testnode_002 slow"), true),
                arguments("WARN or ERROR and testnode_001", ascii("[ERROR] testnode_002 down"), false),
                arguments("Error AND TESTNODE_001", ascii("[error] TestNode_001"), true),
                arguments("ERROR and not maintenance", mail("[ERROR] db-1", "planned maintenance window"), false),
                arguments("ERROR and not maintenance", mail("[ERROR] db-1", "unplanned"), true),
                arguments("not (INFO or DEBUG)", ascii("[ERROR] x"), true),
                arguments("not (INFO or DEBUG)", ascii("[DEBUG] x"), false),
                arguments("not not ERROR", ascii("[ERROR] x"), true),
                arguments("c\"ERROR\"", ascii("error in job"), false),
                arguments("c\"ERROR\"", ascii("ERROR in job"), true),
                arguments("subject:/^\\[(ERROR|CRIT)\\]\\s+db-\\d+/", ascii("[CRIT] db-12 replication lag"), true),
                arguments("subject:/^\\[(ERROR|CRIT)\\]\\s+db-\\d+/", ascii("[CRIT] web-1 replication lag"), false),
                arguments("/disk\\s+full/i", mail("alert", "DISK   FULL on /var"), true),
                arguments("body:testnode_001", ascii("testnode_001 in the subject only"), false),
                arguments("summary:testnode_001", ascii("testnode_001 in the subject"), true),
                arguments("障害 and not 復旧", iso2022jp("【障害】サーバ停止 web-01", "停止しました"), true),
                arguments("障害 and not 復旧", iso2022jp("【障害】サーバ復旧 web-01", "復旧しました"), false),
                arguments("body:\"ディスク使用率\" and from:@batch.example.jp",
                        shiftJis("Batch <jobs@batch.example.jp>", "ディスク使用率 95%"), true),
                arguments("body:\"ディスク使用率\" and from:@batch.example.jp",
                        shiftJis("Other <jobs@other.example.jp>", "ディスク使用率 95%"), false),
                arguments("/ジョブ(異常|失敗)/ and (本番 or prod)", eucJp("夜間ジョブ失敗 本番環境"), true),
                arguments("/ジョブ(異常|失敗)/ and (本番 or prod)", eucJp("夜間ジョブ失敗 検証環境"), false),
                arguments("(警告 or 障害) and (\"db-01\" or \"db-02\") and not subject:テスト",
                        iso2022jp("【警告】db-02 遅延", "レプリケーション遅延"), true),
                arguments("(警告 or 障害) and (\"db-01\" or \"db-02\") and not subject:テスト",
                        iso2022jp("【警告】テスト db-02", "試験送信"), false));
    }

    @ParameterizedTest(name = "{0} on mail {index}: ticket {2}")
    @MethodSource("table")
    void aTextRuleDecidesTheTicket(String condition, byte[] raw, boolean ticket) {
        TenantEngine engine = new TenantEngine("acme", new MemoryStore(),
                new MutableClock(Instant.parse("2026-03-02T10:00:00Z")), new EngineMetrics().tenant("acme"));
        engine.load();
        engine.configure(set("by-text", "text: '" + condition.replace("'", "''") + "'\nactions: {ticket: {priority: P2}}"),
                Duration.ofDays(7).toMillis(), Duration.ofDays(90).toMillis());
        AlertSourceSpec spec = new AlertSourceSpec();
        spec.type = AlertSourceSpec.SourceType.Mail;
        spec.mail = new AlertSourceSpec.MailSource();
        spec.mail.recipients.add("ops@acme.example");
        MailSource source = SourceSet.compile("acme", List.of(new NamedSpec<>("inbox", 1L, spec))).mail().get(0);
        MailReader.ReadMail mail = MailReader.read(raw, "sender@example.jp");
        assertThat(mail.warnings()).isEmpty();
        IncomingAlert alert = source.alert(mail.subject(), mail.from(), mail.body(), mail.warnings(), new TenantLimits());
        engine.ingest(List.of(alert)).join();
        AlertView held = engine.alerts().alert(alert.fingerprint());
        assertThat(held.ticketId() != null).as("ticket for %s / %s", mail.subject(), mail.body()).isEqualTo(ticket);
        assertThat(engine.tickets().page(Set.of(), Set.of(), Set.of(), List.of(), 0, 10)).hasSize(ticket ? 1 : 0);
    }

    private static byte[] ascii(String subject) {
        return headers("From: monitor@acme.example", "Subject: " + subject).body(lines("-")).toBytes();
    }

    private static byte[] mail(String subject, String body) {
        return headers("From: monitor@acme.example", "Subject: " + subject).body(lines(body)).toBytes();
    }

    private static byte[] iso2022jp(String subject, String body) {
        return headers("From: jp1@acme.example", "Subject: " + bWord(subject, "ISO-2022-JP"),
                "Content-Type: text/plain; charset=ISO-2022-JP").body(encode(body + "\r\n", "ISO-2022-JP")).toBytes();
    }

    private static byte[] shiftJis(String from, String body) {
        String name = from.substring(0, from.indexOf('<')).trim();
        return headers("From: " + bWord(name, "Shift_JIS") + " " + from.substring(from.indexOf('<')),
                "Subject: batch", "Content-Type: text/plain; charset=Shift_JIS", "Content-Transfer-Encoding: 8bit")
                .body(encode(body + "\r\n", "Shift_JIS")).toBytes();
    }

    private static byte[] eucJp(String body) {
        return headers("From: cron@acme.example", "Subject: cron", "Content-Type: text/plain; charset=EUC-JP")
                .body(body.getBytes(java.nio.charset.Charset.forName("EUC-JP"))).bytes("\r\n".getBytes(StandardCharsets.US_ASCII))
                .toBytes();
    }
}
