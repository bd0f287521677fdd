package io.opsgate.engine.monitors;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.api.config.TokenEntry;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.app.Options;
import io.opsgate.engine.kubernetes.RestKubernetesApi;
import io.opsgate.engine.support.Compiled;
import io.opsgate.engine.support.FakeKubernetesApi;
import io.opsgate.engine.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingest engine's monitor surface: the heartbeat push URL (Ingest scope), GET /api/v1/monitors (Read),
 * and each Monitor's result written into its status through the Kubernetes API (a local fake), only on change.
 */
class MonitorsApiIT {
    static final String INGEST = "ingest-token-for-heartbeats-000000000000";
    static final String READ = "read-token-for-monitor-list-0000000000000";
    static final String KUBE_TOKEN = "service-account-token";

    @TempDir
    Path dir;

    @Test
    void heartbeatsAreAcceptedWithTheIngestScopeAndResultsReachTheMonitorStatus() throws Exception {
        try (FakeKubernetesApi kube = new FakeKubernetesApi(KUBE_TOKEN); LocalServers.Web web = new LocalServers.Web()) {
            String yaml = """
                    apiVersion: opsgate.io/v1alpha1
                    kind: Tenant
                    metadata: {name: acme}
                    spec:
                      egress: [{cidr: 127.0.0.1/32}]
                    ---
                    apiVersion: opsgate.io/v1alpha1
                    kind: Monitor
                    metadata: {name: nightly, namespace: opsgate-acme}
                    spec:
                      type: Heartbeat
                      heartbeat: {period: 1h}
                    ---
                    apiVersion: opsgate.io/v1alpha1
                    kind: Monitor
                    metadata: {name: web, namespace: opsgate-acme}
                    spec:
                      type: HTTP
                      interval: 1s
                      timeout: 1s
                      http: {url: "%s"}
                    """.formatted(web.url("/ok"));
            Path file = Compiled.write(dir.resolve("etc/config.json"), Compiled.of("acme", yaml, List.of(
                    new TokenEntry("cron", TokenEntry.hash(INGEST), List.of(ApiTokenSpec.TokenScope.Ingest), null),
                    new TokenEntry("viewer", TokenEntry.hash(READ), List.of(ApiTokenSpec.TokenScope.Read), null))));
            Options options = Options.parse(new String[]{"ingest", "--config-file=" + file, "--secrets-dir=" + dir.resolve("s"),
                "--data=" + dir.resolve("data"), "--listen=127.0.0.1:0"});
            try (EngineServer server = new EngineServer(options, Clock.systemUTC())
                    .withKubernetes(new RestKubernetesApi(kube.uri(), () -> KUBE_TOKEN, null)).start()) {
                Http http = new Http("http://127.0.0.1:" + server.port());
                assertThat(http.post("/api/v1/heartbeats/nightly", INGEST, "done").status()).isEqualTo(200);
                assertThat(http.get("/api/v1/heartbeats/nightly", INGEST).json().path("status").asText()).isEqualTo("ok");
                assertThat(http.post("/api/v1/heartbeats/nightly", null, "").status()).isEqualTo(401);
                assertThat(http.post("/api/v1/heartbeats/nightly", READ, "").status()).as("needs Ingest").isEqualTo(403);
                Http.Response unknown = http.post("/api/v1/heartbeats/weekly", INGEST, "");
                assertThat(unknown.status()).isEqualTo(404);
                assertThat(unknown.json().path("field").asText()).isEqualTo("monitor");
                assertThat(http.post("/api/v1/heartbeats/web", INGEST, "").status()).isEqualTo(409);

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode list = http.get("/api/v1/monitors", READ).json();
                    assertThat(list).hasSize(2);
                    assertThat(list.get(0).path("name").asText()).isEqualTo("nightly");
                    assertThat(list.get(0).path("state").asText()).isEqualTo("Up");
                    assertThat(list.get(0).path("pushPath").asText()).isEqualTo("/api/v1/heartbeats/nightly");
                    assertThat(list.get(1).path("state").asText()).isEqualTo("Up");
                    assertThat(list.get(1).path("message").asText()).isEqualTo("HTTP 200");
                    assertThat(list.get(1).has("checkedAt")).isTrue();
                    assertThat(list.get(1).has("latencyMillis")).isTrue();
                });
                assertThat(http.get("/api/v1/monitors", INGEST).status()).as("needs Read").isEqualTo(403);

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    List<FakeKubernetesApi.Request> patches = kube.requests("PATCH", "/monitors/nightly/status");
                    assertThat(patches).isNotEmpty();
                    FakeKubernetesApi.Request last = patches.get(patches.size() - 1);
                    assertThat(last.path()).isEqualTo("/apis/opsgate.io/v1alpha1/namespaces/opsgate-acme/monitors/nightly/status");
                    assertThat(last.contentType()).isEqualTo("application/merge-patch+json");
                    assertThat(last.json().path("status").path("lastResult").path("state").asText()).isEqualTo("Up");
                    assertThat(last.json().path("status").path("pushPath").asText()).isEqualTo("/api/v1/heartbeats/nightly");
                    assertThat(last.json().path("status").has("conditions")).as("the operator's conditions stay").isFalse();
                    assertThat(kube.requests("PATCH", "/monitors/web/status")).isNotEmpty();
                });
                Thread.sleep(2000);
                assertThat(kube.requests("PATCH", "/monitors/web/status"))
                        .as("a result that did not change is not written again").hasSize(1);
            }
        }
    }

    @Test
    void statusWritesAreRateLimitedPerMonitor() throws Exception {
        try (FakeKubernetesApi kube = new FakeKubernetesApi(KUBE_TOKEN)) {
            RestKubernetesApi api = new RestKubernetesApi(kube.uri(), () -> KUBE_TOKEN, null);
            MonitorView up = new MonitorView("web", "HTTP", "http://x", "Up", "HTTP 200", 3, 1000, 1000, 0, false, null);
            MonitorView down = new MonitorView("web", "HTTP", "http://x", "Down", "HTTP 500, expected 2xx", 3, 2000, 2000, 1,
                    false, null);
            MonitorView downAgain = new MonitorView("web", "HTTP", "http://x", "Down", "HTTP 503, expected 2xx", 3, 3000, 2000,
                    2, true, null);
            KubernetesMonitorStatus slow = new KubernetesMonitorStatus(api, Duration.ofHours(1), Duration.ofHours(1),
                    Duration.ofMillis(20));
            try {
                slow.publish("ns", down);
                await().atMost(Duration.ofSeconds(10)).until(() -> kube.requests("PATCH", "/web/status").size() == 1);
                slow.publish("ns", downAgain);
                Thread.sleep(500);
                assertThat(kube.requests("PATCH", "/web/status")).as("a new message waits for the gap").hasSize(1);
                slow.publish("ns", up);
                await().atMost(Duration.ofSeconds(10)).until(() -> kube.requests("PATCH", "/web/status").size() == 2);
                assertThat(kube.requests("PATCH", "/web/status").get(1).json().path("status").path("lastResult")
                        .path("state").asText()).as("a new state does not wait").isEqualTo("Up");
            } finally {
                slow.close();
            }
            KubernetesMonitorStatus fast = new KubernetesMonitorStatus(api, Duration.ZERO, Duration.ofHours(1),
                    Duration.ofMillis(20));
            try {
                fast.publish("other", up);
                await().atMost(Duration.ofSeconds(10)).until(() -> kube.requests("PATCH", "namespaces/other/monitors/web/status").size() == 1);
                fast.publish("other", up);
                Thread.sleep(300);
                fast.publish("other", down);
                await().atMost(Duration.ofSeconds(10)).until(() -> kube.requests("PATCH", "namespaces/other/monitors/web/status").size() == 2);
                assertThat(kube.requests("PATCH", "namespaces/other/monitors/web/status").get(1).json()
                        .path("status").path("lastResult").path("message").asText()).isEqualTo("HTTP 500, expected 2xx");
            } finally {
                fast.close();
            }
        }
    }
}
