package io.opsgate.engine.importer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.opsgate.engine.importer.ImportFixtures.importYaml;
import static io.opsgate.engine.importer.ImportFixtures.named;
import static io.opsgate.engine.importer.ImportFixtures.names;
import static io.opsgate.engine.importer.ImportFixtures.section;
import static io.opsgate.engine.importer.ImportFixtures.spec;
import static io.opsgate.engine.importer.ImportFixtures.stringData;
import static org.assertj.core.api.Assertions.assertThat;

/** Receivers as NotificationChannels, credentials in Secrets the channels reference, the rest reported. */
class ReceiverTranslatorTest {

    private static ImportResult one(String receiver) throws ImportFailure {
        return importYaml("""
                global:
                  smtp_smarthost: 'mail.example.org:587'
                  smtp_from: 'am@example.org'
                  smtp_auth_username: 'am'
                  smtp_auth_password: 'global-secret'
                  slack_api_url: 'https://hooks.slack.com/services/T/B/GLOBAL'
                route: {receiver: r}
                receivers:
                """ + receiver.indent(2));
    }

    @Test
    void emailTakesTheGlobalDefaultsAndPutsTheLoginInASecret() throws Exception {
        ImportResult r = one("""
                - name: r
                  email_configs:
                    - to: 'a@example.org, b@example.org'
                    - to: 'c@example.org'
                      smarthost: 'smtps.example.org:465'
                      auth_username: 'other'
                      auth_password: 'own-secret'
                      send_resolved: true
                    - to: 'd@example.org'
                      smarthost: 'relay.example.org:25'
                      require_tls: false
                """);
        assertThat(names(r, "NotificationChannel")).containsExactly("am-r-email-1", "am-r-email-2", "am-r-email-3");
        Map<String, Object> first = spec(named(r, "NotificationChannel", "am-r-email-1"));
        assertThat(first).containsEntry("type", "Email").containsEntry("sendResolved", false)
                .containsEntry("secretRef", Map.of("name", "am-r-email-1"));
        assertThat(section(named(r, "NotificationChannel", "am-r-email-1"), "email"))
                .containsEntry("to", List.of("a@example.org", "b@example.org")).containsEntry("from", "am@example.org")
                .containsEntry("host", "mail.example.org").containsEntry("port", 587).containsEntry("security", "StartTLS");
        assertThat(stringData(named(r, "Secret", "am-r-email-1"))).containsEntry("username", "am")
                .containsEntry("password", "global-secret");
        assertThat(section(named(r, "NotificationChannel", "am-r-email-2"), "email")).containsEntry("security", "TLS")
                .containsEntry("port", 465);
        assertThat(spec(named(r, "NotificationChannel", "am-r-email-2"))).containsEntry("sendResolved", true);
        assertThat(stringData(named(r, "Secret", "am-r-email-2"))).containsEntry("username", "other")
                .containsEntry("password", "own-secret");
        assertThat(section(named(r, "NotificationChannel", "am-r-email-3"), "email")).containsEntry("security", "None");
    }

    @Test
    void slackPagerDutyAndTeamsKeepTheirUrlsAndKeysInSecrets() throws Exception {
        ImportResult r = one("""
                - name: r
                  slack_configs:
                    - channel: '#ops'
                      username: alertmanager
                  pagerduty_configs:
                    - routing_key: 'pd-key'
                      url: 'https://events.eu.pagerduty.com/v2/enqueue'
                  msteams_configs:
                    - webhook_url: 'https://example.webhook.office.com/webhookb2/x'
                  msteamsv2_configs:
                    - webhook_url: 'https://prod.westeurope.logic.azure.com/workflows/y'
                """);
        assertThat(section(named(r, "NotificationChannel", "am-r-slack"), "slack"))
                .containsEntry("channel", "#ops").containsEntry("username", "alertmanager");
        assertThat(stringData(named(r, "Secret", "am-r-slack"))).containsEntry("url", "https://hooks.slack.com/services/T/B/GLOBAL");
        assertThat(spec(named(r, "NotificationChannel", "am-r-pagerduty"))).containsEntry("type", "PagerDuty")
                .containsEntry("pagerDuty", Map.of("url", "https://events.eu.pagerduty.com/v2/enqueue"));
        assertThat(stringData(named(r, "Secret", "am-r-pagerduty"))).containsEntry("routingKey", "pd-key");
        assertThat(section(named(r, "NotificationChannel", "am-r-teams"), "teams")).containsEntry("format", "MessageCard");
        assertThat(section(named(r, "NotificationChannel", "am-r-teams-2"), "teams")).containsEntry("format", "AdaptiveCard");
        assertThat(stringData(named(r, "Secret", "am-r-teams-2")))
                .containsEntry("url", "https://prod.westeurope.logic.azure.com/workflows/y");
    }

    @Test
    void noCredentialOfTheInputAppearsOutsideTheSecretsOfAnyCorpusImport() throws Exception {
        for (Path config : Corpus.configs()) {
            ImportResult r = Corpus.importOf(config);
            String channelsAndRules = r.yaml(List.of("NotificationChannel", "AlertRule"));
            for (Manifest secret : r.ofKind("Secret")) {
                // A login name is not secret in Alertmanager either; passwords, URLs and keys are.
                stringData(secret).forEach((key, value) -> {
                    if (!key.equals("username") && !value.toString().isEmpty()) {
                        assertThat(channelsAndRules).as("%s: %s of Secret %s", config.getFileName(), key, secret.name())
                                .doesNotContain(value.toString());
                    }
                });
            }
        }
    }

    @Test
    void aWebhookUrlWithCredentialsGoesIntoASecretAndOthersStayInTheChannel() throws Exception {
        ImportResult r = one("""
                - name: r
                  webhook_configs:
                    - url: 'http://bridge.monitoring.svc:8080/alerts'
                    - url: 'https://user:pass@hooks.example.com/x'
                """);
        assertThat(section(named(r, "NotificationChannel", "am-r-webhook-1"), "webhook"))
                .containsEntry("url", "http://bridge.monitoring.svc:8080/alerts");
        assertThat(spec(named(r, "NotificationChannel", "am-r-webhook-1"))).doesNotContainKey("secretRef");
        assertThat(section(named(r, "NotificationChannel", "am-r-webhook-2"), "webhook")).doesNotContainKey("url");
        assertThat(stringData(named(r, "Secret", "am-r-webhook-2"))).containsEntry("url", "https://user:pass@hooks.example.com/x")
                .containsKey("hmacKey");
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.message()).contains("not Alertmanager's webhook payload"));
    }

    @Test
    void unsupportedIntegrationsAndFieldsAreReportedWithTheirLineAndAsComments() throws Exception {
        ImportResult r = one("""
                - name: r
                  opsgenie_configs:
                    - api_key: 'x'
                  slack_configs:
                    - title: '{{ .CommonLabels.alertname }}'
                      http_config:
                        proxy_url: 'http://proxy:3128'
                """);
        assertThat(r.findings()).extracting(Finding::toString).anySatisfy(f -> assertThat(f)
                        .startsWith("line 11: receiver \"r\" opsgenie_configs[0]: OpsGenie is not a channel type of opsgate"))
                .anySatisfy(f -> assertThat(f).startsWith("line 13: receiver \"r\" slack_configs[0].title: Alertmanager's Go "
                        + "templates are not converted"))
                .anySatisfy(f -> assertThat(f).startsWith("line 14: receiver \"r\" slack_configs[0].http_config"));
        assertThat(named(r, "NotificationChannel", "am-r-slack").comments())
                .anySatisfy(c -> assertThat(c).startsWith("slack_configs[0].title is not imported"));
        assertThat(r.yaml()).contains("#   line 11: receiver \"r\" opsgenie_configs[0]: OpsGenie is not a channel type");
    }

    @Test
    void aReceiverWithOnlyUnsupportedIntegrationsTakesItsAlertsAndNotifiesNoOne() throws Exception {
        ImportResult r = one("""
                - name: r
                  pushover_configs:
                    - user_key: 'u'
                      token: 't'
                """);
        assertThat(r.ofKind("NotificationChannel")).isEmpty();
        assertThat(ImportFixtures.notifyOf(named(r, "AlertRule", "am-root-r"))).containsEntry("channels", List.of());
    }

    @Test
    void credentialsInFilesAreReadRelativeToTheConfigurationAndAMissingFileIsReported(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/pd"), "file-key\n");
        ImportResult r = importYaml("""
                route: {receiver: r}
                receivers:
                  - name: r
                    pagerduty_configs:
                      - routing_key_file: keys/pd
                    slack_configs:
                      - api_url_file: keys/missing
                """, dir);
        assertThat(stringData(named(r, "Secret", "am-r-pagerduty"))).containsEntry("routingKey", "file-key");
        assertThat(stringData(named(r, "Secret", "am-r-slack"))).containsEntry("url", "");
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.toString()).contains("api_url_file").contains("keys/missing")
                .contains("left empty"));
    }

    @Test
    void unusedReceiversAreReportedNotImported() throws Exception {
        ImportResult r = one("""
                - name: r
                - name: spare
                  webhook_configs: [{url: 'http://spare.example.com/'}]
                """);
        assertThat(r.ofKind("NotificationChannel")).isEmpty();
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.toString()).contains("receiver \"spare\": no route uses it"));
    }
}
