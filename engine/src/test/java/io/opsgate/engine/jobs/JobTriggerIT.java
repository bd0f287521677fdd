package io.opsgate.engine.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.app.Options;
import io.opsgate.engine.kubernetes.RestKubernetesApi;
import io.opsgate.engine.support.Compiled;
import io.opsgate.engine.support.FakeKubernetesApi;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.Metrics;
import io.opsgate.engine.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingest engine in a cluster (a local fake of the Kubernetes API records what it is sent): alerts that
 * match a rule some OpsJob is triggered by request exactly one OpsJobRun per cooldown, however often the
 * alert repeats and however many new alerts match, also across a restart; a failed OpsJobRun in the
 * namespace raises one OpsJobRunFailed alert.
 */
class JobTriggerIT {
    static final String TOKEN = "prometheus-token-0000000000000000000000000";
    static final String KUBE_TOKEN = "ingest-service-account-token";
    static final String RUNS = "/namespaces/opsgate-acme/opsjobruns";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CONFIG = """
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: acme}
            spec:
              egress: [{cidr: 127.0.0.1/32}]
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: AlertRule
            metadata: {name: web-down, namespace: opsgate-acme}
            spec:
              matchers: ['alertname="WebDown"']
              actions:
                ticket: {priority: P2, groupBy: [alertname]}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: AlertRule
            metadata: {name: job-failures, namespace: opsgate-acme}
            spec:
              matchers: ['alertname="OpsJobRunFailed"']
              actions:
                ticket: {priority: P3, resolveWhenCleared: false}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: OpsJob
            metadata: {name: restart-web, namespace: opsgate-acme}
            spec:
              container: {image: registry.example/ops/kubectl:1}
              trigger: {alertRule: web-down}
              manual: true
              guardrails: {cooldown: 10m, maxRunsPerHour: 6}
            """;

    @TempDir
    Path dir;
    FakeKubernetesApi kube;
    MutableClock clock;
    Path file;

    @BeforeEach
    void start() throws Exception {
        kube = new FakeKubernetesApi(KUBE_TOKEN);
        clock = new MutableClock(Instant.now());
        file = Compiled.write(dir.resolve("etc/config.json"), Compiled.of("acme", CONFIG, List.of(Compiled.token("p", TOKEN))));
    }

    @AfterEach
    void stop() {
        kube.close();
    }

    private EngineServer engine() throws Exception {
        Options options = Options.parse(new String[]{"ingest", "--config-file=" + file, "--secrets-dir=" + dir.resolve("s"),
            "--data=" + dir.resolve("data"), "--listen=127.0.0.1:0", "--tick=50", "--metrics-listen=127.0.0.1:0"});
        return new EngineServer(options, clock).withKubernetes(new RestKubernetesApi(kube.uri(), () -> KUBE_TOKEN, null)).start();
    }

    private static String webDown(String instance) {
        return "{\"labels\":{\"alertname\":\"WebDown\",\"instance\":\"" + instance + "\",\"severity\":\"critical\"}}";
    }

    private int posts() {
        return kube.requests("POST", RUNS).size();
    }

    @Test
    void aManualStartBecomesAnOpsJobRunRequestedByItsPersonAndCountsTowardTheCooldown() throws Exception {
        try (EngineServer server = engine()) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            Http.Response started = http.post("/api/v1/jobs/restart-web/runs", TOKEN, "{\"reason\":\"pods stuck after a node drain\"}");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> posts() == 1);
            JsonNode run = kube.requests("POST", RUNS).get(0).json();
            assertThat(run.path("metadata").path("name").asText()).isEqualTo(started.json().path("name").asText());
            assertThat(run.path("metadata").path("labels").path("opsgate.io/requested-by").asText()).isEqualTo("p");
            assertThat(run.path("metadata").path("annotations").path("opsgate.io/requested-by").asText()).isEqualTo("p");
            assertThat(run.path("metadata").path("annotations").path("opsgate.io/run-note").asText())
                    .isEqualTo("pods stuck after a node drain");
            assertThat(run.path("spec").path("reason").asText()).isEqualTo("Manual");
            assertThat(run.path("spec").has("alert")).isFalse();
            // The alert that follows finds the job in its cooldown: no second run.
            assertThat(http.post("/api/v2/alerts", TOKEN, "[" + webDown("web-1") + "]").status()).isEqualTo(200);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> posts() == 1);
            Http.Response again = http.post("/api/v1/jobs/restart-web/runs", TOKEN, "{\"reason\":\"again\"}");
            assertThat(again.status()).isEqualTo(429);
            assertThat(again.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void aPersonsNameBecomesALabelValueAndStaysExactInTheAnnotation() {
        assertThat(ClusterRunRequester.labelValue("alice@acme.example")).isEqualTo("alice_acme.example");
        assertThat(ClusterRunRequester.labelValue("-Ölga Müller-")).isEqualTo("lga_M_ller");
        assertThat(ClusterRunRequester.labelValue("x".repeat(80))).hasSize(63);
        assertThat(ClusterRunRequester.labelValue("@@@")).isEqualTo("person");
        byte[] body = ClusterRunRequester.body("opsgate-acme", new RunRequest("restart-web", RunRequest.MANUAL, null, 1000,
                "alice@acme.example", "disk full"));
        JsonNode run = Http.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(run.path("metadata").path("labels").path("opsgate.io/requested-by").asText()).isEqualTo("alice_acme.example");
        assertThat(run.path("metadata").path("annotations").path("opsgate.io/requested-by").asText())
                .isEqualTo("alice@acme.example");
        byte[] automatic = ClusterRunRequester.body("opsgate-acme", new RunRequest("restart-web", RunRequest.ALERT, null, 1000));
        assertThat(new String(automatic, java.nio.charset.StandardCharsets.UTF_8)).contains("\"opsgate.io/requested-by\":\"engine\"")
                .doesNotContain("annotations");
    }

    @Test
    void anAlertStormRequestsOneRunPerCooldown() throws Exception {
        try (EngineServer server = engine()) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            for (int i = 0; i < 20; i++) {
                assertThat(http.post("/api/v2/alerts", TOKEN, "[" + webDown("web-1") + "]").status()).isEqualTo(200);
            }
            assertThat(http.post("/api/v2/alerts", TOKEN, "[" + webDown("web-2") + "," + webDown("web-3") + ","
                    + webDown("web-1") + "]").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> posts() >= 1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> posts() == 1);

            JsonNode run = kube.requests("POST", RUNS).get(0).json();
            assertThat(run.path("kind").asText()).isEqualTo("OpsJobRun");
            assertThat(run.path("metadata").path("name").asText()).startsWith("restart-web-");
            assertThat(run.path("metadata").path("labels").path("opsgate.io/opsjob").asText()).isEqualTo("restart-web");
            assertThat(run.path("spec").path("opsJob").asText()).isEqualTo("restart-web");
            assertThat(run.path("spec").path("reason").asText()).isEqualTo("Alert");
            assertThat(run.path("spec").path("alert").path("alertname").asText()).isEqualTo("WebDown");
            assertThat(run.path("spec").path("alert").path("fingerprint").asText()).hasSize(16);
            assertThat(run.path("spec").path("alert").path("ticketId").asText()).as("the rule tickets the alert").isNotEmpty();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode runs = http.get("/api/v1/jobruns", TOKEN).json();
                assertThat(runs).hasSize(1);
                assertThat(runs.get(0).path("opsJob").asText()).isEqualTo("restart-web");
                assertThat(runs.get(0).path("reason").asText()).isEqualTo("Alert");
            });
            assertThat(Metrics.of(server))
                    .contains("opsgate_job_runs_requested_total{opsjob=\"restart-web\",result=\"requested\",tenant=\"acme\"} 1.0")
                    .contains("opsgate_job_runs_requested_total{opsjob=\"restart-web\",result=\"cooldown\",tenant=\"acme\"} 22.0");

            clock.advance(Duration.ofMinutes(10).plusSeconds(1));
            assertThat(http.post("/api/v2/alerts", TOKEN, "[" + webDown("web-1") + "]").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> posts() == 2);
        }

        clock.advance(Duration.ofMinutes(5));
        try (EngineServer restarted = engine()) {
            Http http = new Http("http://127.0.0.1:" + restarted.port());
            for (int i = 0; i < 5; i++) {
                assertThat(http.post("/api/v2/alerts", TOKEN, "[" + webDown("web-9") + "]").status()).isEqualTo(200);
            }
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> posts() == 2);
            clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            assertThat(http.post("/api/v2/alerts", TOKEN, "[" + webDown("web-9") + "]").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> posts() == 3);
        }
    }

    @Test
    void aFailedRunOfAnyReasonRaisesOneAlert() throws Exception {
        ObjectNode failed = (ObjectNode) JSON.readTree("""
                {"apiVersion": "opsgate.io/v1alpha1", "kind": "OpsJobRun",
                 "metadata": {"name": "nightly-backup-29000000"},
                 "spec": {"opsJob": "nightly-backup", "reason": "Schedule"},
                 "status": {"phase": "Running", "steps": [{"opsJob": "nightly-backup", "phase": "Running"}]}}""");
        kube.putRun("opsgate-acme", failed);
        try (EngineServer server = engine()) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(http.get("/api/v1/jobruns", TOKEN).json().get(0).path("source").asText()).isEqualTo("cluster"));
            ObjectNode status = (ObjectNode) failed.path("status");
            status.put("phase", "Failed");
            status.put("completionTime", clock.instant().toString());
            ObjectNode step = (ObjectNode) status.path("steps").get(0);
            step.put("phase", "Failed");
            step.put("exitCode", 2);
            step.put("message", "BackoffLimitExceeded");
            step.put("logTail", "pg_dump: connection refused");
            kube.putRun("opsgate-acme", failed);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode alerts = http.get("/api/v2/alerts?filter=alertname%3D%22OpsJobRunFailed%22", TOKEN).json();
                assertThat(alerts).hasSize(1);
                JsonNode a = alerts.get(0);
                assertThat(a.path("labels").path("opsjob").asText()).isEqualTo("nightly-backup");
                assertThat(a.path("labels").path("run").asText()).isEqualTo("nightly-backup-29000000");
                assertThat(a.path("labels").path("reason").asText()).isEqualTo("Schedule");
                assertThat(a.path("annotations").path("description").asText())
                        .contains("step nightly-backup failed with exit code 2").contains("pg_dump: connection refused");
                assertThat(a.path("opsgate").path("ticketId").asLong()).as("the rules make it a ticket").isPositive();
            });
            kube.putRun("opsgate-acme", failed);
            Thread.sleep(1500);
            assertThat(http.get("/api/v2/alerts?filter=alertname%3D%22OpsJobRunFailed%22", TOKEN).json().get(0)
                    .path("opsgate").path("count").asInt()).as("once per run").isEqualTo(1);
        }
        try (EngineServer restarted = engine()) {
            Http http = new Http("http://127.0.0.1:" + restarted.port());
            await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/v1/jobruns", TOKEN).json().size() == 1);
            Thread.sleep(1500);
            assertThat(http.get("/api/v2/alerts?filter=alertname%3D%22OpsJobRunFailed%22", TOKEN).json().get(0)
                    .path("opsgate").path("count").asInt()).as("not again after a restart").isEqualTo(1);
        }
    }
}
