package io.opsgate.engine.handoff;

import io.opsgate.api.v1alpha1.ApiTokenSpec.TokenScope;
import io.opsgate.engine.support.Compiled;
import io.opsgate.engine.support.ConfigDir;
import io.opsgate.engine.support.EngineProcess;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.Metrics;
import io.opsgate.engine.support.HttpSink;
import io.opsgate.engine.support.Manifests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ingest and notify as separate processes of the jar, as in a cluster (each its own store, the internal API
 * between them, the internal token from a file), against an idempotent receiver: a SIGKILL of notify while
 * notifications wait for delivery, or of ingest while it hands them over, loses none and delivers none
 * twice. Neither process ever logs the channel's credential.
 */
class HandoffCrashIT {
    private static final String INGEST_TOKEN = "crash-ingest-token-000000000000000000000";
    private static final String HMAC = "crash-test-hmac-key-never-in-a-log-42";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private HttpSink sink;
    private final List<EngineProcess> processes = new ArrayList<>();
    private Path config;
    private Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        sink = new HttpSink(Clock.systemUTC()).acceptSignedWith(HMAC);
        config = new ConfigDir(dir.resolve("yaml")).yaml("acme.yaml", """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  egress: [{cidr: 127.0.0.1/32}]
                  apiTokens: [{name: prometheus, scopes: [Ingest, Read]}]
                  ingest: {rateLimit: {perSecond: 100000, burst: 1000000}}
                ---
                """ + Manifests.webhookChannel("acme", "hook", sink.url("/hook"), "hook-signing")
                + Manifests.rule("acme", "page", """
                matchers: ['severity="critical"']
                actions:
                  ticket: {priority: P1}
                  notify: {channels: [hook], groupBy: [alertname], groupWait: 0s}"""))
                .compile("acme", List.of(Compiled.token("prometheus", INGEST_TOKEN, TokenScope.Ingest, TokenScope.Read)));
        // Cluster layout: <secrets-dir>/<secret>/<key>.
        Path hmac = dir.resolve("secrets").resolve("hook-signing").resolve("hmacKey");
        Files.createDirectories(hmac.getParent());
        Files.writeString(hmac, HMAC + "\n");
        Path token = dir.resolve("internal-token");
        Files.writeString(token, "internal-" + Instant.now().toEpochMilli() + "-token\n");
        env = new HashMap<>(Map.of("OPSGATE_INTERNAL_TOKEN_FILE", token.toString()));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (EngineProcess p : processes) {
            p.close();
        }
        sink.close();
        for (Path log : logs()) {
            assertThat(Files.readString(log)).as("log " + log.getFileName()).doesNotContain(HMAC);
        }
    }

    private List<Path> logs() throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".log")).toList();
        }
    }

    private EngineProcess notify(String log, int port) throws Exception {
        EngineProcess p = EngineProcess.start(dir.resolve(log), env, "notify", "--config-file=" + config,
                "--secrets-dir=" + dir.resolve("secrets"), "--data=" + dir.resolve("notify-data"),
                "--listen=127.0.0.1:" + port, "--metrics-listen=127.0.0.1:0");
        processes.add(p);
        return p;
    }

    private EngineProcess ingest(String log, int notifyPort) throws Exception {
        Map<String, String> e = new HashMap<>(env);
        e.put("OPSGATE_NOTIFY_URL", "http://127.0.0.1:" + notifyPort);
        EngineProcess p = EngineProcess.start(dir.resolve(log), e, "ingest", "--config-file=" + config,
                "--secrets-dir=" + dir.resolve("ingest-secrets"), "--data=" + dir.resolve("ingest-data"),
                "--listen=127.0.0.1:0", "--metrics-listen=127.0.0.1:0");
        processes.add(p);
        return p;
    }

    /** {@code n} alerts, each its own group and so its own notification, in batches of 10. */
    private static void post(Http http, String prefix, int n) {
        String endsAt = Instant.now().plus(Duration.ofHours(1)).toString();
        for (int i = 0; i < n; i += 10) {
            StringBuilder body = new StringBuilder("[");
            for (int j = i; j < Math.min(n, i + 10); j++) {
                body.append(j == i ? "" : ",").append("{\"labels\":{\"alertname\":\"").append(prefix).append(j)
                        .append("\",\"severity\":\"critical\"},\"endsAt\":\"").append(endsAt).append("\"}");
            }
            Http.Response r = http.post("/api/v2/alerts", INGEST_TOKEN, body.append("]").toString());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
    }

    private void assertEachDeliveredOnce(String prefix, int n) {
        await().atMost(WAIT).until(() -> sink.processed().size() >= n);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> sink.processed().size() == n);
        Map<String, Integer> seen = new HashMap<>();
        for (HttpSink.Received r : sink.processed()) {
            seen.merge(r.json().path("groupLabels").path("alertname").asText(), 1, Integer::sum);
        }
        assertThat(seen).hasSize(n);
        assertThat(seen.keySet()).allMatch(k -> k.startsWith(prefix));
        assertThat(seen.values()).containsOnly(1);
    }

    @Test
    void killingNotifyWhileNotificationsAreQueuedLosesNoneAndSendsNoneTwice() throws Exception {
        int notifyPort = freePort();
        EngineProcess notify = notify("notify-1.log", notifyPort);
        EngineProcess ingest = ingest("ingest-1.log", notifyPort);
        int notifyMetrics = notify.metricsPort();
        for (int i = 0; i < 15; i++) {
            sink.answer(HttpSink.Answer.of(200));
        }
        sink.otherwise(503);
        post(new Http("http://127.0.0.1:" + ingest.port()), "Queued", 40);
        await().atMost(WAIT).until(() -> Metrics.of(notifyMetrics)
                .contains("opsgate_notification_queue_depth{channel=\"hook\",tenant=\"acme\"} 25.0"));

        notify.kill9();
        sink.otherwise(200);
        notify("notify-2.log", notifyPort);

        assertEachDeliveredOnce("Queued", 40);
        int ingestMetrics = ingest.metricsPort();
        await().atMost(WAIT).until(() -> Metrics.of(ingestMetrics).contains("opsgate_outbox_depth{tenant=\"acme\"} 0.0"));
    }

    @Test
    void killingIngestDuringHandoffLosesNoneAndSendsNoneTwice() throws Exception {
        int notifyPort = freePort();
        notify("notify-1.log", notifyPort);
        EngineProcess ingest = ingest("ingest-1.log", notifyPort);
        post(new Http("http://127.0.0.1:" + ingest.port()), "Handed", 200);
        ingest.kill9();

        ingest("ingest-2.log", notifyPort);
        assertEachDeliveredOnce("Handed", 200);
        // The receiver always answered 200, so a notification handed over twice would show as a second request.
        assertThat(sink.requests()).hasSize(200);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
