package io.opsgate.operator.tenant.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Secret;
import io.opsgate.operator.support.Desired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus and Alertmanager configuration the operator writes per tenant parses as Debian's
 * {@code promtool} and {@code amtool} read it (scripts/test-all installs both).
 */
class PrometheusAlertingBuilderTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    final DesiredTenant acme = Desired.acme();

    @Test
    void theSecretHoldsCaTokenAndTheReadyBlocksReferencingItsMountedCopy() throws IOException {
        Secret s = PrometheusAlertingBuilder.build(acme, new PrometheusAlertingBuilder.Inputs("CA-PEM", "tok", false));
        assertThat(s.getMetadata().getName()).isEqualTo("opsgate-prometheus");
        assertThat(s.getMetadata().getNamespace()).isEqualTo("opsgate-acme");
        assertThat(text(s, "ca.crt")).isEqualTo("CA-PEM");
        assertThat(text(s, "token")).isEqualTo("tok");
        assertThat(s.getData()).doesNotContainKey("prometheus-operator-alerting.yaml");
        JsonNode am = YAML.readTree(text(s, "alertmanagers.yaml")).get(0);
        assertThat(am.path("scheme").asText()).isEqualTo("https");
        assertThat(am.path("path_prefix").asText()).isEqualTo("/");
        assertThat(am.path("tls_config").path("ca_file").asText())
                .isEqualTo("/etc/prometheus/secrets/opsgate-acme-prometheus/ca.crt");
        assertThat(am.path("tls_config").path("server_name").asText()).isEqualTo("opsgate-ingest.opsgate-acme.svc");
        assertThat(am.path("authorization").path("credentials_file").asText())
                .isEqualTo("/etc/prometheus/secrets/opsgate-acme-prometheus/token");
        assertThat(am.path("static_configs").get(0).path("targets").get(0).asText())
                .isEqualTo("opsgate-ingest.opsgate-acme.svc:9093");
        JsonNode receiver = YAML.readTree(text(s, "alertmanager-receiver.yaml"));
        assertThat(receiver.path("webhook_configs").get(0).path("url").asText())
                .isEqualTo("https://opsgate-ingest.opsgate-acme.svc:9093/api/v1/webhooks/alertmanager");
        assertThat(receiver.path("webhook_configs").get(0).path("http_config").path("authorization")
                .path("credentials_file").asText()).isEqualTo("/etc/alertmanager/secrets/opsgate-acme-prometheus/token");
    }

    @Test
    void withThePrometheusOperatorTheAlertingStanzaNamesTheServiceAndTheCopiedSecret() throws IOException {
        Secret s = PrometheusAlertingBuilder.build(acme, new PrometheusAlertingBuilder.Inputs("CA-PEM", "tok", true));
        JsonNode am = YAML.readTree(text(s, "prometheus-operator-alerting.yaml")).path("alerting").path("alertmanagers").get(0);
        assertThat(am.path("namespace").asText()).isEqualTo("opsgate-acme");
        assertThat(am.path("name").asText()).isEqualTo("opsgate-ingest");
        assertThat(am.path("port").asText()).isEqualTo("http");
        assertThat(am.path("scheme").asText()).isEqualTo("https");
        assertThat(am.path("apiVersion").asText()).isEqualTo("v2");
        assertThat(am.path("tlsConfig").path("ca").path("secret").path("name").asText()).isEqualTo("opsgate-acme-prometheus");
        assertThat(am.path("authorization").path("credentials").path("key").asText()).isEqualTo("token");
    }

    @Test
    void promtoolAcceptsAPrometheusConfigurationThatIncludesTheBlock(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ca.crt"), "CA-PEM");
        Files.writeString(dir.resolve("token"), "tok");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  evaluation_interval: 30s\nalerting:\n  alertmanagers:\n"
                + indent(PrometheusAlertingBuilder.alertmanagers(acme, dir.toString()), "    "));
        assertThat(run("promtool", "check", "config", config.toString())).as("promtool check config").startsWith("0");

        // The same check refuses a block Prometheus would refuse (an unknown field): the test can fail.
        Files.writeString(config, Files.readString(config).replace("path_prefix:", "path_prefx:"));
        assertThat(run("promtool", "check", "config", config.toString())).doesNotStartWith("0");
    }

    @Test
    void amtoolAcceptsAnAlertmanagerConfigurationThatRoutesToTheReceiver(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, "route:\n  receiver: opsgate-acme\n  group_by: [alertname]\nreceivers:\n  - "
                + indent(PrometheusAlertingBuilder.receiver(acme, dir.toString()), "    ").strip() + "\n");
        assertThat(run("amtool", "check-config", config.toString())).as("amtool check-config").startsWith("0");

        Files.writeString(config, Files.readString(config).replace("send_resolved: true", "send_resolved: maybe"));
        assertThat(run("amtool", "check-config", config.toString())).doesNotStartWith("0");
    }

    private static String indent(String block, String prefix) {
        List<String> lines = new ArrayList<>();
        for (String line : block.split("\n")) {
            lines.add(line.startsWith("#") || line.isEmpty() ? line : prefix + line);
        }
        return String.join("\n", lines) + "\n";
    }

    /** The exit code and the output of a command. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + "\n" + out;
    }

    private static String text(Secret s, String key) {
        return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
    }
}
