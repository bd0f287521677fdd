package io.opsgate.engine.mail;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.Standalone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

import static io.opsgate.engine.mail.RawMail.headers;
import static io.opsgate.engine.mail.RawMail.lines;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a cluster the certificate comes from an optional Secret, so its files may not exist yet: the intake
 * still starts and offers STARTTLS with a certificate of its own, and mail keeps flowing.
 */
class AbsentCertificateIT {

    @TempDir
    Path root;

    @Test
    void startsAndTakesMailOverStarttlsWithoutTheCertificateFiles() throws Exception {
        MailTenants tenants = new MailTenants(root);
        Path absent = root.resolve("tls");
        try (EngineServer server = new EngineServer(Standalone.options(tenants.configDir, tenants.secretsDir, root.resolve("data"),
                "--tick=50", "--config-poll=200", "--smtp-listen=127.0.0.1:0", "--smtp-tls-cert=" + absent.resolve("tls.crt"),
                "--smtp-tls-key=" + absent.resolve("tls.key")), Clock.systemUTC()).start()) {
            SmtpClient.Result r = new SmtpClient(server.smtpPort()).startTls().send("monitor@globex.example",
                    headers("Subject: host=db-7 unreachable").body(lines("ping lost")), "alerts@globex.example");
            assertThat(r.accepted()).as("%s", r).isTrue();
            JsonNode alerts = new Http("http://127.0.0.1:" + server.port()).get("/api/v2/alerts?filter="
                    + URLEncoder.encode("instance=\"db-7\"", StandardCharsets.UTF_8), MailTenants.GLOBEX_TOKEN).json();
            assertThat(alerts.size()).isEqualTo(1);
            assertThat(alerts.get(0).path("annotations").path("summary").asText()).isEqualTo("host=db-7 unreachable");
        }
    }
}
