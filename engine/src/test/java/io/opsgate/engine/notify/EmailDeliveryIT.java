package io.opsgate.engine.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.opsgate.engine.support.MutableClock;
import io.opsgate.engine.support.NotifyHarness;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mail end to end in standalone: alerts posted to the API, grouped, turned into a ticket and delivered over
 * SMTP with AUTH to GreenMail, which receives exactly one mail per recipient with the subject (the ticket's
 * title: the first alert's summary) and text body word for word; the resolve follows as its own mail; the SMTP password appears in no API answer.
 */
class EmailDeliveryIT {
    private static final String PASSWORD = "greenmail-password-never-shown";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path root;
    private GreenMail greenMail;
    private NotifyHarness opsgate;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        greenMail.setUser("opsgate", PASSWORD);
        MutableClock clock = new MutableClock(NotifyHarness.START);
        opsgate = new NotifyHarness(root, clock, """
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: oncall-mail, namespace: opsgate-acme}
                spec:
                  type: Email
                  email: {to: [oncall@acme.example, lead@acme.example], from: opsgate@acme.example,
                          host: 127.0.0.1, port: %d, security: None}
                  secretRef: {name: smtp}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: storage, namespace: opsgate-acme}
                spec:
                  matchers: ['team="storage"']
                  actions:
                    ticket: {priority: P2, resolveWhenCleared: true}
                    notify: {channels: [oncall-mail], groupBy: [alertname, cluster], groupWait: 30s, groupInterval: 1m}
                """.formatted(greenMail.getSmtp().getPort()), 3);
        opsgate.secret("smtp", "username", "opsgate");
        opsgate.secret("smtp", "password", PASSWORD);
    }

    @AfterEach
    void stop() {
        opsgate.close();
        greenMail.stop();
    }

    private String alert(String volume, String endsAt) {
        return "{\"labels\":{\"alertname\":\"VolumeFull\",\"cluster\":\"eu-1\",\"team\":\"storage\",\"severity\":\"warning\","
                + "\"volume\":\"" + volume + "\"},\"annotations\":{\"summary\":\"" + volume + " is 95% full\"},"
                + "\"startsAt\":\"2026-03-02T09:58:00Z\",\"endsAt\":\"" + endsAt + "\"}";
    }

    private static List<String> to(MimeMessage m) throws Exception {
        return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    }

    private static String text(MimeMessage m) throws Exception {
        return ((String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
    }

    @Test
    void oneMailPerRecipientWithTheExactSubjectAndBodyThenTheResolve() throws Exception {
        String later = opsgate.clock.instant().plus(Duration.ofDays(1)).toString();
        opsgate.alerts("[" + alert("data-1", later) + "," + alert("data-2", later) + "]");
        opsgate.clock.advance(Duration.ofSeconds(10));
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        opsgate.clock.advance(Duration.ofSeconds(21));
        await().atMost(WAIT).until(() -> greenMail.getReceivedMessages().length == 2);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> greenMail.getReceivedMessages().length == 2);

        String ticket = opsgate.onlyTicket().path("id").asText();
        String base = "http://127.0.0.1:" + opsgate.server().port();
        MimeMessage[] mails = greenMail.getReceivedMessages();
        assertThat(mails[0].getMessageID()).isEqualTo(mails[1].getMessageID());
        for (MimeMessage m : mails) {
            assertThat(m.getSubject()).isEqualTo("[FIRING] data-1 is 95% full (warning) · Acme Corp");
            assertThat(to(m)).containsExactly("oncall@acme.example", "lead@acme.example");
            assertThat(m.getFrom()[0].toString()).isEqualTo("opsgate@acme.example");
            assertThat(text(m)).isEqualTo("""
                    data-1 is 95%% full
                    Status: firing · Severity: warning · Priority: P2 · Tenant: Acme Corp
                    Ticket: #%s %s/api/v1/tickets/%s
                    Labels: alertname=VolumeFull, cluster=eu-1
                    2 alert(s), 2 firing, 0 resolved:
                    - [firing] data-1 is 95%% full (alertname=VolumeFull, cluster=eu-1, severity=warning, team=storage, volume=data-1) since 2026-03-02T09:58:00Z
                    - [firing] data-2 is 95%% full (alertname=VolumeFull, cluster=eu-1, severity=warning, team=storage, volume=data-2) since 2026-03-02T09:58:00Z
                    """.formatted(ticket, base, ticket));
        }

        String now = opsgate.clock.instant().toString();
        opsgate.alerts("[" + alert("data-1", now) + "," + alert("data-2", now) + "]");
        opsgate.clock.advance(Duration.ofMinutes(1));
        await().atMost(WAIT).until(() -> greenMail.getReceivedMessages().length == 4);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> greenMail.getReceivedMessages().length == 4);
        List<MimeMessage> resolved = new java.util.ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            if (!m.getSubject().startsWith("[FIRING]")) {
                resolved.add(m);
            }
        }
        assertThat(resolved).hasSize(2);
        assertThat(resolved.get(0).getSubject()).isEqualTo("[RESOLVED] data-1 is 95% full (warning) · Acme Corp");
        assertThat(text(resolved.get(0))).contains("2 alert(s), 0 firing, 2 resolved:\n- [resolved] data-1 is 95% full");
        assertThat(to(resolved.get(1))).containsExactly("oncall@acme.example", "lead@acme.example");

        await().atMost(WAIT).until(() -> opsgate.onlyTicket().path("deliveries").size() == 2);
        assertThat(opsgate.onlyTicket().path("deliveries")).extracting(d -> d.path("result").asText() + ":"
                + d.path("status").asText() + ":" + d.path("statusCode").asInt())
                .containsExactly("delivered:firing:250", "delivered:resolved:250");
        assertThat(opsgate.onlyTicket().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordIsDeadLetteredWithoutShowingThePassword() throws Exception {
        opsgate.secret("smtp", "password", "a-wrong-password-also-secret");
        opsgate.alerts("[" + alert("logs-1", opsgate.clock.instant().plus(Duration.ofDays(1)).toString()) + "]");
        opsgate.clock.advance(Duration.ofSeconds(31));
        await().atMost(WAIT).until(() -> opsgate.get("/api/v1/deadletters").path("deadLetters").size() == 1);
        String dead = opsgate.get("/api/v1/deadletters").toString();
        assertThat(dead).contains("SMTP authentication failed").doesNotContain("a-wrong-password-also-secret")
                .doesNotContain(PASSWORD);
        await().atMost(WAIT).until(() -> opsgate.onlyTicket().path("comments").size() == 1);
        assertThat(opsgate.onlyTicket().toString()).doesNotContain("a-wrong-password-also-secret");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(Files.exists(root.resolve("secrets/opsgate-acme/smtp/password"))).isTrue();
    }
}
