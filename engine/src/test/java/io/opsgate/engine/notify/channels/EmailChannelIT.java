package io.opsgate.engine.notify.channels;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.opsgate.engine.support.MutableClock;
import io.opsgate.engine.support.Notifications;
import io.opsgate.engine.support.TestCertificateAuthority;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.opsgate.engine.support.Notifications.entry;
import static io.opsgate.engine.support.Notifications.notification;
import static io.opsgate.engine.support.Notifications.secret;
import static io.opsgate.engine.support.Notifications.spec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail through real SMTP servers on free local ports: GreenMail for plain SMTP with AUTH and for implicit
 * TLS (SMTPS) with a certificate made for the test; subethasmtp for STARTTLS, which GreenMail 2.1 does not
 * offer, requiring both the TLS upgrade and AUTH.
 */
class EmailChannelIT {
    private static TestCertificateAuthority certs;
    private static TestCertificateAuthority.Server server;
    private static Path keyStoreFile;

    @TempDir
    Path secrets;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:30Z"));
    private GreenMail greenMail;
    private SMTPServer subetha;

    @BeforeAll
    static void certificates() throws Exception {
        certs = new TestCertificateAuthority();
        server = certs.server(Instant.now().plus(Duration.ofDays(2)));
        keyStoreFile = server.write(Files.createTempFile("opsgate-smtp", ".p12"));
        // GreenMail reads its TLS key store from these properties when its SSL factory is first used.
        System.setProperty("greenmail.tls.keystore.file", keyStoreFile.toString());
        System.setProperty("greenmail.tls.keystore.password", new String(TestCertificateAuthority.PASSWORD));
        System.setProperty("greenmail.tls.key.password", new String(TestCertificateAuthority.PASSWORD));
    }

    @AfterEach
    void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
        if (subetha != null) {
            subetha.stop();
        }
    }

    private ChannelFactory channels() throws Exception {
        return new ChannelFactory(Notifications.context(secrets, clock, certs.clientContext().getSocketFactory()));
    }

    private static String yaml(int port, String security, boolean auth) {
        return """
                type: Email
                email: {to: [oncall@acme.example, lead@acme.example], from: opsgate@acme.example, host: 127.0.0.1, port: %d, security: %s}
                %s""".formatted(port, security, auth ? "secretRef: {name: smtp}\n" : "");
    }

    private GreenMail greenMail(ServerSetup setup) {
        greenMail = new GreenMail(setup.dynamicPort());
        greenMail.start();
        greenMail.setUser("oncall@acme.example", "opsgate", "s3cret-smtp-password");
        return greenMail;
    }

    @Test
    void plainSmtpWithAuthDeliversOneMultipartMailWithSubjectAndBodies() throws Exception {
        GreenMail mail = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        secret(secrets, "opsgate-acme", "smtp", "username", "opsgate");
        secret(secrets, "opsgate-acme", "smtp", "password", "s3cret-smtp-password");

        Outcome o = channels().create("opsgate-acme", spec(yaml(mail.getSmtp().getPort(), "None", true)),
                Notifications.LOOPBACK)
                .send(notification(entry(1, "firing", 2), "oncall-mail")).join();

        assertThat(o.kind()).as(String.valueOf(o.error())).isEqualTo(Outcome.Kind.DELIVERED);
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(2); // one message, two recipients
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("[FIRING] Disk full on web-1 (critical) · Acme Corp");
        assertThat(m.getHeader("Message-ID")[0]).isEqualTo("<key-1-oncall-mail@opsgate>");
        assertThat(m.getHeader("X-Opsgate-Idempotency-Key")[0]).isEqualTo("key-1-oncall-mail");
        assertThat(m.getFrom()[0].toString()).isEqualTo("opsgate@acme.example");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getCount()).isEqualTo(2);
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(text).contains("Disk full on web-1", "Severity: critical", "Priority: P2", "Tenant: Acme Corp",
                "Ticket: #3 https://opsgate.example/api/v1/tickets/3", "2 alert(s), 2 firing, 0 resolved",
                "- [firing] Disk /m0 is full & <hot> (alertname=DiskFull, instance=web-1, mount=/m0, severity=critical)");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(html).contains("<h2>Disk full on web-1</h2>", "<a href=\"https://opsgate.example/api/v1/tickets/3\">#3</a>",
                "Disk /m1 is full &amp; &lt;hot&gt;");
    }

    @Test
    void aWrongPasswordIsAPermanentFailureAndSendsNothing() throws Exception {
        GreenMail mail = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        secret(secrets, "opsgate-acme", "smtp", "username", "opsgate");
        secret(secrets, "opsgate-acme", "smtp", "password", "not-the-password");
        Outcome o = channels().create("opsgate-acme", spec(yaml(mail.getSmtp().getPort(), "None", true)),
                Notifications.LOOPBACK)
                .send(notification(entry(1, "firing", 1), "oncall-mail")).join();
        assertThat(o.kind()).isEqualTo(Outcome.Kind.PERMANENT);
        assertThat(o.statusCode()).isEqualTo(535);
        assertThat(o.error()).doesNotContain("not-the-password");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void implicitTlsTalksToGreenMailsSmtpsWithTheTestCertificate() throws Exception {
        GreenMail mail = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        secret(secrets, "opsgate-acme", "smtp", "username", "opsgate");
        secret(secrets, "opsgate-acme", "smtp", "password", "s3cret-smtp-password");
        Outcome o = channels().create("opsgate-acme", spec(yaml(mail.getSmtps().getPort(), "TLS", true)),
                Notifications.LOOPBACK)
                .send(notification(entry(2, "resolved", 1), "oncall-mail")).join();
        assertThat(o.kind()).as(String.valueOf(o.error())).isEqualTo(Outcome.Kind.DELIVERED);
        assertThat(mail.getReceivedMessages()).hasSize(2);
        assertThat(mail.getReceivedMessages()[0].getSubject()).startsWith("[RESOLVED] Disk full on web-1");
    }

    @Test
    void startTlsIsRequiredAndAuthHappensInsideIt() throws Exception {
        List<byte[]> received = new CopyOnWriteArrayList<>();
        List<String> logins = new CopyOnWriteArrayList<>();
        subetha = SMTPServer.port(0).bindAddress(InetAddress.getByName("127.0.0.1"))
                .startTlsSocketFactory(server.context()).enableTLS().requireTLS()
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, ctx) -> {
                    if (!user.equals("opsgate") || !password.equals("s3cret-smtp-password")) {
                        throw new LoginFailedException();
                    }
                    logins.add(user);
                }))
                .requireAuth()
                .messageHandler((ctx, from, to, data) -> received.add(data))
                .build();
        subetha.start();
        secret(secrets, "opsgate-acme", "smtp", "username", "opsgate");
        secret(secrets, "opsgate-acme", "smtp", "password", "s3cret-smtp-password");

        Outcome o = channels().create("opsgate-acme", spec(yaml(subetha.getPortAllocated(), "StartTLS", true)),
                Notifications.LOOPBACK)
                .send(notification(entry(3, "firing", 1), "oncall-mail")).join();

        assertThat(o.kind()).as(String.valueOf(o.error())).isEqualTo(Outcome.Kind.DELIVERED);
        assertThat(logins).containsExactly("opsgate");
        assertThat(received).hasSize(1); // subethasmtp hands over a message once for all its recipients
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(received.get(0)));
        assertThat(m.getSubject()).isEqualTo("[FIRING] Disk full on web-1 (critical) · Acme Corp");
    }

    @Test
    void aServerWithoutStartTlsIsRefusedWhenStartTlsIsRequired() throws Exception {
        GreenMail mail = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        Outcome o = channels().create("opsgate-acme", spec(yaml(mail.getSmtp().getPort(), "StartTLS", false)),
                Notifications.LOOPBACK)
                .send(notification(entry(4, "firing", 1), "oncall-mail")).join();
        assertThat(o.kind()).isEqualTo(Outcome.Kind.PERMANENT);
        assertThat(o.error()).contains("STARTTLS");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }
}
