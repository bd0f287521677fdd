package io.opsgate.engine.peers;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.Standalone;
import io.opsgate.engine.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Debian's Prometheus, its alerting pointed at opsgate with a bearer token, delivers an always-firing alert. */
class PrometheusIT {
    @TempDir
    Path dir;

    @Test
    void anAlwaysFiringRuleArrives() throws Exception {
        String binary = Peers.require("prometheus", "prometheus");
        TestTenants tenants = new TestTenants(dir);
        try (EngineServer opsgate = new EngineServer(Standalone.options(tenants.configDir, tenants.secretsDir,
                dir.resolve("data"), "--tick=100", "--config-poll=1000"), Clock.systemUTC()).start()) {
            Files.writeString(dir.resolve("rules.yml"), """
                    groups:
                      - name: always
                        interval: 1s
                        rules:
                          - alert: AlwaysFiring
                            expr: vector(1)
                            labels: {severity: critical, team: platform}
                            annotations: {summary: "always firing"}
                    """);
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global: {evaluation_interval: 1s}
                    rule_files: [%s]
                    alerting:
                      alertmanagers:
                        - api_version: v2
                          authorization: {credentials: %s}
                          static_configs: [{targets: ["127.0.0.1:%d"]}]
                    """.formatted(dir.resolve("rules.yml"), tenants.token("acme/ingest"), opsgate.port()));
            int port = Peers.freePort();
            Process prometheus = Peers.start(dir.resolve("prometheus.log"), binary,
                    "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + port, "--rules.alert.resend-delay=1s");
            try {
                Http http = new Http("http://127.0.0.1:" + opsgate.port());
                String reader = tenants.token("acme/reader");
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    JsonNode alerts = http.get("/api/v2/alerts?filter=alertname%3D%22AlwaysFiring%22", reader).json();
                    assertThat(alerts).hasSize(1);
                    assertThat(alerts.get(0).path("labels").path("team").asText()).isEqualTo("platform");
                    assertThat(alerts.get(0).path("generatorURL").asText()).contains("/graph?");
                });
                JsonNode tickets = http.get("/api/v1/tickets?filter=alertname%3D%22AlwaysFiring%22", reader).json();
                assertThat(tickets.path("tickets").get(0).path("title").asText()).isEqualTo("always firing");
            } finally {
                Peers.stop(prometheus);
            }
        }
    }
}
