package io.opsgate.engine.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.Manifests;
import io.opsgate.engine.support.RawHttp;
import io.opsgate.engine.support.SecureEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tenant alpha, with its owner's rights, attacking the platform and tenant beta through the engine (issue 13):
 * regexes that would take the process down, monitors and channels aimed past what the platform team granted
 * (by host names that resolve elsewhere and by redirects), reading other services' answers through status
 * messages and delivery logs, the public metrics, and a malformed request body. Alpha is granted 127.0.0.2
 * only (a loopback address, so it must be named in spec.egress); the "internal service" listens on 127.0.0.1, which
 * the name {@link #INSIDE} resolves to (a name the compiler cannot judge, as a DNS name pointing inward would be),
 * and which {@code localhost} names (refused before anything runs).
 */
class HostileTenantIT {
    static final String BLOW_UP = "((a{1000}){1000}){1000}";
    static final String FOREIGN = "beta-secret-pod-7f9c";
    static final String SERVER_TEXT = "internal-error-text-3b1a";
    static final Duration WAIT = Duration.ofSeconds(60);
    /** A host name that resolves to the internal service's address. */
    static final String INSIDE = "inside.alpha.test";

    @TempDir
    static Path root;
    static SecureEngine engine;
    static Http http;
    static String alpha;
    static String beta;
    /** The internal service on 127.0.0.1 nobody granted: every request it sees is a breach. */
    static HttpServer internal;
    static final List<String> breaches = new CopyOnWriteArrayList<>();
    /** A granted server on 127.0.0.2 that redirects inward, leaks bodies and plays Prometheus. */
    static HttpServer granted;

    @BeforeAll
    static void start() throws Exception {
        internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        internal.createContext("/", ex -> {
            breaches.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            answer(ex, 200, "secret-of-the-internal-service");
        });
        internal.start();
        int inside = internal.getAddress().getPort();
        granted = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        granted.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + inside + "/steal");
            answer(ex, 302, "");
        });
        granted.createContext("/leak", ex -> answer(ex, 400, "{\"error\":\"" + SERVER_TEXT + "\"}"));
        granted.createContext("/prom-labels/api/v1/query", ex -> answer(ex, 200, "{\"status\":\"success\",\"data\":"
                + "{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"pod\":\"" + FOREIGN + "\"},\"value\":[1,\"5\"]}]}}"));
        granted.createContext("/prom-error/api/v1/query", ex -> answer(ex, 400, "{\"status\":\"error\",\"errorType\":"
                + "\"bad_data\",\"error\":\"" + SERVER_TEXT + "\"}"));
        granted.start();
        String g = "http://127.0.0.2:" + granted.getAddress().getPort();

        engine = new SecureEngine(root)
                .config("alpha.yaml", """
                        apiVersion: opsgate.io/v1alpha1
                        kind: Tenant
                        metadata: {name: alpha}
                        spec:
                          apiTokens:
                            - {name: all, scopes: [Ingest, Read, Admin]}
                          egress:
                            - cidr: 127.0.0.2/32
                        ---
                        """ + monitor("by-name", "HTTP", "http: {url: 'http://" + INSIDE + ":" + inside + "/probe'}")
                        + monitor("by-name-tcp", "TCP", "tcp: {host: " + INSIDE + ", port: " + inside + "}")
                        + monitor("localhost", "HTTP", "http: {url: 'http://localhost:" + inside + "/probe'}")
                        + monitor("redirected", "HTTP", "http: {url: '" + g + "/redirect'}")
                        + monitor("prom-labels", "PrometheusQuery", "prometheusQuery: {url: '" + g
                        + "/prom-labels', query: up, threshold: 1}")
                        + monitor("prom-error", "PrometheusQuery", "prometheusQuery: {url: '" + g
                        + "/prom-error', query: up, threshold: 1}")
                        + Manifests.webhookChannel("alpha", "by-name-hook", "http://" + INSIDE + ":" + inside + "/hook", null)
                        + Manifests.webhookChannel("alpha", "leaky-hook", g + "/leak", null)
                        + Manifests.rule("alpha", "to-hooks", """
                        matchers: ['severity="critical"']
                        actions:
                          notify: {channels: [by-name-hook, leaky-hook], groupWait: 0s}
                        """))
                .config("beta.yaml", """
                        apiVersion: opsgate.io/v1alpha1
                        kind: Tenant
                        metadata: {name: beta}
                        spec:
                          apiTokens:
                            - {name: all, scopes: [Ingest, Read, Admin]}
                        ---
                        """ + Manifests.rule("beta", "keep-" + FOREIGN, """
                        matchers: ['severity="critical"']
                        actions: {ticket: {priority: P1}}
                        """))
                .token("alpha", "all", "alpha-all-scopes-token-00000000000000000")
                .token("beta", "all", "beta-all-scopes-token-000000000000000000")
                .resolver(host -> host.equals(INSIDE) ? new InetAddress[]{InetAddress.getByName("127.0.0.1")}
                        : InetAddress.getAllByName(host))
                .start(Clock.systemUTC());
        http = engine.http;
        alpha = engine.token("alpha/all");
        beta = engine.token("beta/all");
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        internal.stop(0);
        granted.stop(0);
    }

    @Test
    void aRegexThatWouldCompileToABillionInstructionsIs400NamingTheParameterAndBetaIsServedMeanwhile() {
        String matcher = "alertname=~\"" + BLOW_UP + "\"";
        for (String route : List.of("/api/v2/alerts?filter=", "/api/v2/silences?filter=", "/api/v1/tickets?filter=",
                "/api/v2/alerts?receiver=")) {
            String value = route.endsWith("receiver=") ? BLOW_UP : matcher;
            long started = System.nanoTime();
            Http.Response r = http.get(route + URLEncoder.encode(value, StandardCharsets.UTF_8), alpha);
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(r.status()).as("%s %s", route, r.body()).isEqualTo(400);
            assertThat(r.json().path("field").asText()).isEqualTo(route.endsWith("receiver=") ? "receiver" : "filter");
            assertThat(millis).as("answered in %d ms", millis).isLessThan(1000);
        }
        Http.Response silence = http.post("/api/v2/silences", alpha, "{\"matchers\":[{\"name\":\"alertname\",\"value\":\""
                + BLOW_UP + "\",\"isRegex\":true}],\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2099-01-01T00:00:00Z\","
                + "\"createdBy\":\"alpha\",\"comment\":\"x\"}");
        assertThat(silence.status()).as(silence.body()).isEqualTo(400);
        assertThat(silence.json().path("field").asText()).isEqualTo("matchers[0].value");

        assertThat(http.post("/api/v2/alerts", beta, "[{\"labels\":{\"alertname\":\"Beta\"}}]").status()).isEqualTo(200);
        assertThat(http.get("/api/v2/alerts", beta).body()).contains("Beta");
    }

    @Test
    void monitorsNamedByAHostThatResolvesOutsideTheGrantAreRefusedAtConnectTime() {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode byName = monitorNamed("by-name");
            JsonNode tcp = monitorNamed("by-name-tcp");
            assertThat(byName.path("state").asText()).isEqualTo("Down");
            assertThat(byName.path("message").asText()).contains("spec.egress");
            assertThat(tcp.path("state").asText()).isEqualTo("Down");
            assertThat(tcp.path("message").asText()).contains("spec.egress");
        });
        assertThat(breaches).isEmpty();
    }

    @Test
    void aMonitorAimedAtLocalhostIsLeftOutBeforeItRuns() {
        JsonNode problems = http.get("/api/v2/status", alpha).json().path("opsgate").path("configProblems");
        assertThat(problems.toString()).contains("Monitor/localhost").contains("EgressNotGranted");
        assertThat(http.get("/api/v1/monitors", alpha).body()).doesNotContain("\"name\":\"localhost\"");
    }

    @Test
    void aRedirectOutOfTheGrantIsNotFollowed() {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode m = monitorNamed("redirected");
            assertThat(m.path("state").asText()).isEqualTo("Down");
            assertThat(m.path("message").asText()).contains("spec.egress");
        });
        assertThat(breaches).isEmpty();
    }

    @Test
    void statusMessagesCarryNeitherForeignLabelValuesNorTheServersErrorText() {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode labels = monitorNamed("prom-labels");
            JsonNode error = monitorNamed("prom-error");
            assertThat(labels.path("state").asText()).isEqualTo("Down");
            assertThat(labels.path("message").asText()).contains("1 of 1").doesNotContain(FOREIGN);
            assertThat(error.path("state").asText()).isEqualTo("Down");
            assertThat(error.path("message").asText()).contains("400").doesNotContain(SERVER_TEXT);
        });
    }

    @Test
    void channelsAreHeldToTheGrantAndTheirDeliveryLogCarriesNoResponseBody() {
        assertThat(http.post("/api/v2/alerts", alpha, "[{\"labels\":{\"alertname\":\"Probe\",\"severity\":\"critical\"}}]")
                .status()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode dead = http.get("/api/v1/deadletters", alpha).json().path("deadLetters");
            assertThat(dead).hasSize(2);
            String all = dead.toString();
            assertThat(all).contains("by-name-hook").contains("spec.egress").contains("leaky-hook").contains("400");
            assertThat(all).doesNotContain(SERVER_TEXT);
        });
        assertThat(breaches).isEmpty();
    }

    @Test
    void theApiPortsMetricsNameNoTenantAndNoRule() {
        RawHttp.Response r = RawHttp.send("127.0.0.1", engine.server.port(), "GET", "/metrics", null, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("tenant=\"").doesNotContain(FOREIGN);
    }

    @Test
    void aMalformedChunkedBodyIs400NotADroppedConnection() throws IOException {
        try (Socket s = new Socket("127.0.0.1", engine.server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v2/alerts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alpha
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "zz-not-a-size\r\n[]\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 400");
        }
    }

    static JsonNode monitorNamed(String name) {
        for (JsonNode m : http.get("/api/v1/monitors", alpha).json()) {
            if (m.path("name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no monitor " + name);
    }

    static String monitor(String name, String type, String spec) {
        return """
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: %s, namespace: opsgate-alpha}
                spec:
                  type: %s
                  interval: 1s
                  timeout: 1s
                  %s
                ---
                """.formatted(name, type, spec);
    }

    static void answer(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getRequestBody().readAllBytes();
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }
}
