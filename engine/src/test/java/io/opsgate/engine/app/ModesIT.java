package io.opsgate.engine.app;

import io.opsgate.api.v1alpha1.ApiTokenSpec.TokenScope;
import io.opsgate.engine.support.Compiled;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.Metrics;
import io.opsgate.engine.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster modes: ingest runs from the compiled configuration the operator mounts (and reloads it, keeping
 * the last good one when the file is broken); notify serves health, readiness and metrics with its outbox store.
 */
class ModesIT {
    @TempDir
    Path dir;

    private Path compiledConfig(String token) {
        return new TestTenants(dir.resolve("yaml")).dir().compile("acme",
                List.of(Compiled.token("prometheus", token, TokenScope.Ingest, TokenScope.Read)));
    }

    @Test
    void ingestRunsTheCompiledConfigurationAndKeepsTheLastGoodOne() throws Exception {
        String token = "cluster-token-from-the-operators-secret-0000";
        Path file = compiledConfig(token);
        Options options = Options.parse("ingest", "--config-file=" + file, "--secrets-dir=" + dir.resolve("s"),
                "--data=" + dir.resolve("data"), "--listen=127.0.0.1:0", "--config-poll=100");
        try (EngineServer server = new EngineServer(options, Clock.systemUTC()).start()) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            assertThat(http.post("/api/v2/alerts", token,
                    "[{\"labels\":{\"alertname\":\"InCluster\",\"severity\":\"info\"}}]").status()).isEqualTo(200);
            assertThat(http.get("/api/v2/alerts", token).json().get(0).path("opsgate").path("rule").asText())
                    .isEqualTo("drop-info");

            Files.writeString(file, "{\"kind\":\"CompiledConfig\",\"truncated");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    http.get("/api/v2/status", token).json().path("opsgate").path("configProblems").toString())
                    .contains("config.json"));
            assertThat(http.get("/api/v2/alerts", token).json()).hasSize(1);
            assertThat(http.post("/api/v2/alerts", token, "[{\"labels\":{\"alertname\":\"After\"}}]").status()).isEqualTo(200);
            assertThat(http.get("/readyz", null).status()).isEqualTo(200);
        }
    }

    @Test
    void notifyServesHealthReadinessAndMetrics() throws Exception {
        Path file = compiledConfig("unused-token-00000000000000000000000000");
        Options options = Options.parse("notify", "--config-file=" + file, "--secrets-dir=" + dir.resolve("s"),
                "--data=" + dir.resolve("notify-data"), "--listen=127.0.0.1:0", "--metrics-listen=127.0.0.1:0");
        try (EngineServer server = new EngineServer(options, Clock.systemUTC()).start()) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            assertThat(http.get("/healthz", null).status()).isEqualTo(200);
            assertThat(http.get("/readyz", null).status()).isEqualTo(200);
            assertThat(Metrics.of(server)).contains("opsgate_outbox_depth{tenant=\"acme\"}");
            assertThat(http.get("/metrics", null).body()).as("notify's own port names no tenant")
                    .contains("jvm_memory_used_bytes").doesNotContain("tenant=");
            assertThat(http.post("/api/v2/alerts", null, "[]").status()).isEqualTo(404);
            assertThat(Files.isDirectory(dir.resolve("notify-data").resolve("acme"))).isTrue();
        }
    }
}
