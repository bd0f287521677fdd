package io.opsgate.engine.mail;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.tls.TlsContexts;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.Metrics;
import io.opsgate.engine.support.Standalone;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

import static io.opsgate.engine.mail.RawMail.bWord;
import static io.opsgate.engine.mail.RawMail.base64Lines;
import static io.opsgate.engine.mail.RawMail.encode;
import static io.opsgate.engine.mail.RawMail.headers;
import static io.opsgate.engine.mail.RawMail.lines;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMTP intake over real sockets with Jakarta Mail as the client: plain and STARTTLS conversations, AUTH,
 * the refusals (unknown recipient, size, sender, credentials), mails as monitoring tools write them, and
 * tenant isolation by recipient. The certificate comes from PEM files, as a Kubernetes TLS Secret gives it.
 */
class SmtpIntakeIT {
    @TempDir
    static Path root;
    static EngineServer server;
    static Http http;
    static int smtp;

    @BeforeAll
    static void start() throws Exception {
        MailTenants tenants = new MailTenants(root);
        TlsContexts.KeyAndChain key = TlsContexts.selfSigned("127.0.0.1");
        Path cert = root.resolve("tls.crt");
        Path keyFile = root.resolve("tls.key");
        try (Writer w = Files.newBufferedWriter(cert); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(key.chain()[0]);
        }
        // PKCS#8, as cert-manager and openssl genpkey write tls.key.
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(key.key().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        server = new EngineServer(Standalone.options(tenants.configDir, tenants.secretsDir, root.resolve("data"),
                "--tick=50", "--config-poll=200", "--smtp-listen=127.0.0.1:0", "--smtp-tls-cert=" + cert,
                "--smtp-tls-key=" + keyFile), Clock.systemUTC()).start();
        http = new Http("http://127.0.0.1:" + server.port());
        smtp = server.smtpPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode alerts(String token, String filter) {
        Http.Response r = http.get("/api/v2/alerts?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8), token);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    static JsonNode only(JsonNode array) {
        assertThat(array.size()).as("%s", array).isEqualTo(1);
        return array.get(0);
    }

    static String unique() {
        return "h" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static SmtpClient.Result send(String from, RawMail mail, String... to) throws Exception {
        return new SmtpClient(smtp).send(from, mail, to);
    }

    // ------------------------------------------------------------------ conversations

    @Test
    void aPlainMailIsAnAlertWhenThe250Arrives() throws Exception {
        String host = unique();
        SmtpClient.Result r = send("nagios@monitor.acme.example", headers(
                "From: Nagios <nagios@monitor.acme.example>",
                "To: alerts@acme.example",
                "Subject: [ERROR] " + host + " disk /var 97%",
                "Content-Type: text/plain; charset=UTF-8").body(lines(StandardCharsets.UTF_8, "ジョブ名: NIGHTLY-42", "rc=8")),
                "alerts@acme.example");
        assertThat(r.accepted()).as("%s", r).isTrue();
        // No waiting: the reply came after the alert was stored.
        JsonNode a = only(alerts(MailTenants.ACME_TOKEN, "host=\"" + host + "\""));
        assertThat(a.path("labels").path("alertname").asText()).isEqualTo("MailAlertNIGHTLY-42");
        assertThat(a.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(a.path("labels").path("job").asText()).isEqualTo("NIGHTLY-42");
        assertThat(a.path("labels").path("team").asText()).isEqualTo("ops");
        assertThat(a.path("labels").path("sender_domain").asText()).isEqualTo("monitor.acme.example");
        assertThat(a.path("labels").path("alertsource").asText()).isEqualTo("monitoring-mail");
        assertThat(a.path("annotations").path("summary").asText()).isEqualTo("[ERROR] " + host + " disk /var 97%");
        assertThat(a.path("annotations").path("description").asText()).isEqualTo("ジョブ名: NIGHTLY-42\r\nrc=8\r\n");
        assertThat(a.path("annotations").path("mail_from").asText()).isEqualTo("Nagios <nagios@monitor.acme.example>");
    }

    @Test
    void starttlsWithAuthIsAccepted() throws Exception {
        String host = unique();
        SmtpClient.Result r = new SmtpClient(smtp).tls(MailTenants.SMTP_USER, MailTenants.SMTP_PASSWORD)
                .send("batch@anywhere.example", headers("Subject: secure " + host).body(lines("over TLS")),
                        "secure@acme.example");
        assertThat(r.accepted()).as("%s", r).isTrue();
        JsonNode a = only(alerts(MailTenants.ACME_TOKEN, "alertname=\"SecureMail\""
                + ",alertsource=\"secure-mail\""));
        assertThat(a.path("annotations").path("summary").asText()).startsWith("secure ");
    }

    @Test
    void starttlsWithoutAuthIsEnoughForAMailboxWithoutCredentials() throws Exception {
        String host = unique();
        SmtpClient.Result r = new SmtpClient(smtp).startTls().send("zabbix@monitor.acme.example",
                headers("Subject: [WARN] " + host).body(lines("x")), "alerts@acme.example");
        assertThat(r.accepted()).isTrue();
        assertThat(only(alerts(MailTenants.ACME_TOKEN, "host=\"" + host + "\"")).path("labels").path("severity").asText())
                .isEqualTo("warning");
    }

    @Test
    void aMailboxWithCredentialsRefusesSendersWithoutThem() throws Exception {
        SmtpClient.Result noAuth = new SmtpClient(smtp).startTls().send("batch@anywhere.example",
                headers("Subject: no auth").body(lines("x")), "secure@acme.example");
        assertThat(noAuth.code()).isEqualTo(530);
        assertThat(noAuth.message()).contains("Authentication required");
    }

    @Test
    void wrongCredentialsFailAuth() {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> new SmtpClient(smtp)
                .tls(MailTenants.SMTP_USER, "wrong").send("b@x.example", headers("Subject: s").body(lines("x")),
                        "secure@acme.example"));
        assertThat(t).isInstanceOf(jakarta.mail.AuthenticationFailedException.class);
        assertThat(t.getMessage()).startsWith("535");
    }

    @Test
    void authIsNeitherOfferedNorTakenBeforeStarttls() throws Exception {
        try (Socket s = new Socket("127.0.0.1", smtp)) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            out.write("EHLO client.example\r\n".getBytes(StandardCharsets.US_ASCII));
            StringBuilder ehlo = new StringBuilder();
            String line;
            do {
                line = in.readLine();
                ehlo.append(line).append('\n');
            } while (line.startsWith("250-"));
            assertThat(ehlo.toString()).as(ehlo.toString()).contains("STARTTLS").contains("SIZE " + MailIntake.MAX_MESSAGE_BYTES)
                    .doesNotContain("AUTH");
            String plain = Base64.getEncoder().encodeToString(("\0" + MailTenants.SMTP_USER + "\0"
                    + MailTenants.SMTP_PASSWORD).getBytes(StandardCharsets.UTF_8));
            out.write(("AUTH PLAIN " + plain + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("504");
        }
    }

    @Test
    void anUnknownRecipientGets550() throws Exception {
        SmtpClient.Result r = send("nagios@monitor.acme.example", headers("Subject: x").body(lines("x")),
                "nobody@acme.example");
        assertThat(r.code()).isEqualTo(550);
        assertThat(r.message()).contains("5.1.1");
        assertThat(Metrics.of(server))
                .contains("opsgate_mails_rejected_total{reason=\"unknown_recipient\",tenant=\"unknown\"}");
    }

    @Test
    void anOversizeMailGets552AndTheConnectionStaysUsable() throws Exception {
        byte[] big = new byte[3000];
        java.util.Arrays.fill(big, (byte) 'a');
        for (int i = 70; i < big.length; i += 72) {
            big[i] = '\r';
            big[i + 1] = '\n';
        }
        SmtpClient.Result r = send("any@where.example", headers("Subject: big").body(big), "small@acme.example");
        assertThat(r.code()).isEqualTo(552);
        assertThat(r.message()).contains("2048");
        SmtpClient.Result small = send("any@where.example", headers("Subject: small " + unique()).body(lines("ok")),
                "small@acme.example");
        assertThat(small.accepted()).isTrue();
    }

    @Test
    void aSenderNotOnTheAllowListIsRefused() throws Exception {
        SmtpClient.Result r = send("intruder@evil.example", headers("Subject: [ERROR] x").body(lines("x")),
                "alerts@acme.example");
        assertThat(r.code()).isEqualTo(550);
        assertThat(r.message()).contains("sender <intruder@evil.example> is not allowed");
        SmtpClient.Result exact = send("JP1@acme.example", headers("Subject: [INFO] " + unique()).body(lines("x")),
                "OPS@acme.example");
        assertThat(exact.accepted()).as("addresses compare case-insensitively").isTrue();
    }

    // ------------------------------------------------------------------ mails as tools send them

    @Test
    void aJp1StyleIso2022jpMailIsDecodedExactly() throws Exception {
        String host = unique();
        String subject = "[障害] " + host + " ジョブ異常終了";
        String body = "ジョブ名: 月次バッチ_売上集計\r\n終了コード: 12\r\n詳細は管理画面を参照してください。\r\n";
        SmtpClient.Result r = send("jp1@acme.example", headers(
                "From: " + bWord("ジョブ管理", "ISO-2022-JP") + " <jp1@acme.example>",
                "To: alerts@acme.example",
                "Subject: " + bWord(subject, "ISO-2022-JP"),
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=ISO-2022-JP",
                "Content-Transfer-Encoding: 7bit").body(encode(body, "ISO-2022-JP")), "alerts@acme.example");
        assertThat(r.accepted()).isTrue();
        JsonNode a = only(alerts(MailTenants.ACME_TOKEN, "host=\"" + host + "\""));
        assertThat(a.path("annotations").path("summary").asText()).isEqualTo(subject);
        assertThat(a.path("annotations").path("description").asText()).isEqualTo(body);
        assertThat(a.path("annotations").path("mail_from").asText()).isEqualTo("ジョブ管理 <jp1@acme.example>");
        assertThat(a.path("labels").path("job").asText()).isEqualTo("月次バッチ_売上集計");
        assertThat(a.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(a.path("annotations").has("parse_warning")).isFalse();
    }

    @Test
    void aShiftJisBodyIsDecodedExactly() throws Exception {
        String host = unique();
        String body = "ジョブ名： 日次バックアップ\r\n①ディスク残量不足 ㈱監視\r\n";
        SmtpClient.Result r = send("hinemos@monitor.acme.example", headers(
                "Subject: " + bWord("[警告] " + host + " backup", "ISO-2022-JP"),
                "Content-Type: text/plain; charset=Shift_JIS",
                "Content-Transfer-Encoding: 8bit").body(encode(body, "windows-31j")), "alerts@acme.example");
        assertThat(r.accepted()).isTrue();
        JsonNode a = only(alerts(MailTenants.ACME_TOKEN, "host=\"" + host + "\""));
        assertThat(a.path("annotations").path("description").asText()).isEqualTo(body);
        assertThat(a.path("labels").path("job").asText()).isEqualTo("日次バックアップ");
        assertThat(a.path("labels").path("severity").asText()).isEqualTo("warning");
    }

    @Test
    void aMultipartAlternativeMailGivesItsPlainPart() throws Exception {
        String host = unique();
        String plain = "ジョブ名: web-check\r\nHTTP 503 from https://shop.acme.example/\r\n";
        SmtpClient.Result r = send("zabbix@monitor.acme.example", headers(
                "From: Zabbix <zabbix@monitor.acme.example>",
                "Subject: [ERROR] " + host + " HTTP check failed",
                "MIME-Version: 1.0",
                "Content-Type: multipart/alternative; boundary=\"=_b0undary\"").body(lines(
                "--=_b0undary",
                "Content-Type: text/plain; charset=\"UTF-8\"",
                "Content-Transfer-Encoding: base64",
                "")).bytes(base64Lines(plain.getBytes(StandardCharsets.UTF_8))).bytes(lines(
                "",
                "--=_b0undary",
                "Content-Type: text/html; charset=\"UTF-8\"",
                "",
                "<p>HTTP <b>503</b></p>",
                "--=_b0undary--")), "alerts@acme.example");
        assertThat(r.accepted()).isTrue();
        JsonNode a = only(alerts(MailTenants.ACME_TOKEN, "host=\"" + host + "\""));
        assertThat(a.path("annotations").path("description").asText()).isEqualTo(plain);
        assertThat(a.path("labels").path("job").asText()).isEqualTo("web-check");
    }

    @Test
    void aQuotedPrintableBodyIsDecodedExactly() throws Exception {
        String host = unique();
        SmtpClient.Result r = send("cron@monitor.acme.example", headers(
                "Subject: =?UTF-8?Q?[ERROR]_" + host + "_=E5=A4=B1=E6=95=97?=",
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: quoted-printable").body(lines(
                "=E3=82=B8=E3=83=A7=E3=83=96=E5=90=8D: cleanup-tmp",
                "exit=3D1 and a long line that the sender wrapped with a soft line break =",
                "here.")), "alerts@acme.example");
        assertThat(r.accepted()).isTrue();
        JsonNode a = only(alerts(MailTenants.ACME_TOKEN, "host=\"" + host + "\""));
        assertThat(a.path("annotations").path("summary").asText()).isEqualTo("[ERROR] " + host + " 失敗");
        assertThat(a.path("annotations").path("description").asText())
                .isEqualTo("ジョブ名: cleanup-tmp\r\nexit=1 and a long line that the sender wrapped with a soft line break here.\r\n");
        assertThat(a.path("labels").path("job").asText()).isEqualTo("cleanup-tmp");
    }

    @Test
    void aRecoveryMailResolvesTheAlertWithTheSameDedupKey() throws Exception {
        String host = unique();
        assertThat(send("jp1@acme.example", headers("Subject: " + bWord("[ERROR] " + host + " 停止", "UTF-8"),
                "Content-Type: text/plain; charset=UTF-8").body(lines(StandardCharsets.UTF_8, "ジョブ名: J1")),
                "alerts@acme.example").accepted()).isTrue();
        assertThat(alerts(MailTenants.ACME_TOKEN, "host=\"" + host + "\"").size()).isEqualTo(1);
        assertThat(send("jp1@acme.example", headers("Subject: " + bWord("[INFO] " + host + " 復旧", "UTF-8"),
                "Content-Type: text/plain; charset=UTF-8").body(lines(StandardCharsets.UTF_8, "ジョブ名: J1")),
                "alerts@acme.example").accepted()).isTrue();
        assertThat(alerts(MailTenants.ACME_TOKEN, "host=\"" + host + "\"").size()).as("resolved alerts are not listed")
                .isZero();
    }

    @Test
    void garbageIsKeptRawWithAParseWarning() throws Exception {
        String host = unique();
        SmtpClient.Result r = send("nagios@monitor.acme.example", headers(
                "Subject: [ERROR] " + host,
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: x-broken").body(lines("raw \u0001 text")), "alerts@acme.example");
        assertThat(r.accepted()).isTrue();
        JsonNode a = only(alerts(MailTenants.ACME_TOKEN, "host=\"" + host + "\""));
        assertThat(a.path("annotations").path("description").asText()).contains("raw");
        assertThat(a.path("annotations").path("parse_warning").asText()).contains("x-broken");
        assertThat(Metrics.of(server)).contains("opsgate_mail_parse_warnings_total{tenant=\"acme\"}");
    }

    // ------------------------------------------------------------------ isolation

    @Test
    void aMailToBothTenantsBecomesOneAlertInEachAndNeverCrosses() throws Exception {
        String host = unique();
        SmtpClient.Result r = send("zabbix@monitor.acme.example", headers(
                "Subject: [ERROR] " + host + " host=" + host).body(lines("job: shared")),
                "alerts@acme.example", "alerts@globex.example");
        assertThat(r.accepted()).isTrue();
        JsonNode acme = only(alerts(MailTenants.ACME_TOKEN, "alertsource=\"monitoring-mail\",host=\"" + host + "\""));
        assertThat(acme.path("labels").path("team").asText()).isEqualTo("ops");
        JsonNode globex = only(alerts(MailTenants.GLOBEX_TOKEN, "instance=\"" + host + "\""));
        assertThat(globex.path("labels").path("alertsource").asText()).isEqualTo("globex-mail");
        assertThat(globex.path("labels").has("team")).isFalse();
        // Each tenant sees only its own source's alerts.
        assertThat(alerts(MailTenants.GLOBEX_TOKEN, "alertsource=\"monitoring-mail\"").size()).isZero();
        assertThat(alerts(MailTenants.ACME_TOKEN, "alertsource=\"globex-mail\"").size()).isZero();
    }

    @Test
    void aMailToOneTenantNeverReachesTheOther() throws Exception {
        String host = unique();
        assertThat(send("x@y.example", headers("Subject: host=" + host).body(lines("x")), "alerts@globex.example")
                .accepted()).isTrue();
        assertThat(alerts(MailTenants.GLOBEX_TOKEN, "instance=\"" + host + "\"").size()).isEqualTo(1);
        assertThat(alerts(MailTenants.ACME_TOKEN, "instance=\"" + host + "\"").size()).isZero();
        String metrics = Metrics.of(server);
        assertThat(metrics).contains("opsgate_mails_accepted_total{tenant=\"globex\"}")
                .contains("opsgate_mails_received_total{tenant=\"globex\"}");
    }
}
