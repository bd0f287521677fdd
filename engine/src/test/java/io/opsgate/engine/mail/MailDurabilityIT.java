package io.opsgate.engine.mail;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.support.EngineProcess;
import io.opsgate.engine.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.opsgate.engine.mail.RawMail.headers;
import static io.opsgate.engine.mail.RawMail.lines;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 250 means the alert is durable: the engine runs as its own process, mails arrive over SMTP, the process
 * gets SIGKILL right after the last 250, and after a restart every acknowledged mail is an alert, once.
 */
class MailDurabilityIT {
    private static final int MAILS = 25;

    @TempDir
    Path root;

    private String[] args(MailTenants t) {
        return new String[]{"standalone", "--config-dir=" + t.configDir, "--secrets-dir=" + t.secretsDir,
            "--data=" + root.resolve("data"), "--listen=127.0.0.1:0", "--smtp-listen=127.0.0.1:0"};
    }

    @Test
    void everyMailAnswered250SurvivesKillMinusNine() throws Exception {
        MailTenants tenants = new MailTenants(root);
        List<String> acknowledged = new ArrayList<>();
        EngineProcess engine = EngineProcess.start(root.resolve("engine-1.log"), args(tenants));
        try {
            SmtpClient client = new SmtpClient(engine.smtpPort());
            for (int i = 0; i < MAILS; i++) {
                String host = "durable-" + i;
                SmtpClient.Result r = client.send("nagios@monitor.acme.example", headers(
                        "From: nagios@monitor.acme.example", "To: alerts@acme.example",
                        "Subject: [ERROR] " + host + " down").body(lines("check_ping CRITICAL")), "alerts@acme.example");
                assertThat(r.accepted()).as("%s", r).isTrue();
                acknowledged.add(host);
            }
        } finally {
            engine.kill9();
        }

        try (EngineProcess restarted = EngineProcess.start(root.resolve("engine-2.log"), args(tenants))) {
            Http http = new Http("http://127.0.0.1:" + restarted.port());
            JsonNode alerts = http.get("/api/v2/alerts?filter="
                    + URLEncoder.encode("host=~\"durable-.*\"", StandardCharsets.UTF_8), MailTenants.ACME_TOKEN).json();
            List<String> hosts = new ArrayList<>();
            alerts.forEach(a -> hosts.add(a.path("labels").path("host").asText()));
            assertThat(hosts).hasSize(MAILS);
            assertThat(new HashSet<>(hosts)).isEqualTo(Set.copyOf(acknowledged));
            alerts.forEach(a -> assertThat(a.path("annotations").path("description").asText())
                    .isEqualTo("check_ping CRITICAL\r\n"));
        }
    }
}
