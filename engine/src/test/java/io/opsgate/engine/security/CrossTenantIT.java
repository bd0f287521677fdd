package io.opsgate.engine.security;

import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.SecureEngine;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Tenant alpha's most powerful token against tenant beta's resources, on every route the tenant API router
 * registers (enumerated from the router itself): never 2xx with beta's data, only 401, 403, 404 for beta's
 * ids, and alpha's own (empty of beta) data on collection routes. A route this test does not know how to
 * exercise fails it, so a new route cannot slip in without being checked here.
 */
class CrossTenantIT {
    static final String MARKER = "beta-only-marker";

    @TempDir
    static Path root;
    static SecureEngine engine;
    static Http http;
    static String alpha;
    static String beta;
    static String betaSilence;
    static final long BETA_TICKET = 3;
    static final String BETA_SOURCE = "/api/v1/sources/beta-source";
    static final String BETA_HEARTBEAT = "/api/v1/heartbeats/beta-beat";
    /** Beta's OpsJob that may be started by hand; alpha has one of its own name. */
    static final String BETA_JOB_RUNS = "/api/v1/jobs/beta-job/runs";
    /** What alpha sends to beta's source; it must not arrive in beta. */
    static final String ALPHA_PROBE = "alpha-probe-through-beta-source";

    @BeforeAll
    static void start() throws Exception {
        engine = new SecureEngine(root)
                .config("tenants.yaml", tenant("alpha") + "---\n" + tenant("beta"))
                .token("alpha", "all", "alpha-all-scopes-token-00000000000000000")
                .token("beta", "all", "beta-all-scopes-token-000000000000000000")
                .start(Clock.systemUTC());
        http = engine.http;
        alpha = engine.token("alpha/all");
        beta = engine.token("beta/all");
        post(alpha, "/api/v2/alerts", "[" + alert("a1", "alpha-host") + "]");
        post(beta, "/api/v2/alerts", "[" + alert("b1", MARKER + "-1") + "," + alert("b2", MARKER + "-2") + ","
                + alert("b3", MARKER + "-3") + "]");
        Http.Response s = post(beta, "/api/v2/silences", "{\"matchers\":[{\"name\":\"instance\",\"value\":\"" + MARKER
                + "\",\"isRegex\":false,\"isEqual\":true}],\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2099-01-01T00:00:00Z\","
                + "\"createdBy\":\"" + MARKER + "\",\"comment\":\"" + MARKER + "\"}");
        betaSilence = s.json().path("silenceID").asText();
        assertThat(http.put("/api/v1/credentials/beta-cred", beta, "{\"password\":\"" + MARKER + "-secret\"}").status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/tickets/" + BETA_TICKET, beta).body()).contains(MARKER);
        post(alpha, "/api/v1/sources/alpha-source", "{\"summary\":\"alpha's own\"}");
        assertThat(http.post("/internal/v1/notices", SecureEngine.INTERNAL_TOKEN, "{\"tenant\":\"beta\",\"title\":\"" + MARKER
                + "\",\"severity\":\"info\",\"kind\":\"Test\"}").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/notices", beta).body()).contains(MARKER);
        assertThat(http.get("/api/v1/opsjobs", beta).body()).contains("\"name\":\"beta-job\"");
        assertThat(http.get("/api/v1/people", beta).body()).contains("\"name\":\"beta-owner\"");
        for (String tenant : List.of("alpha", "beta")) {
            String token = tenant.equals("alpha") ? alpha : beta;
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(http.get("/api/v1/monitors", token).body())
                    .contains("\"name\":\"" + tenant + "-beat\""));
        }
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static String tenant(String name) {
        return """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: %1$s}
                spec:
                  owners: [{kind: User, name: %1$s-owner}]
                  apiTokens:
                    - {name: all, scopes: [Ingest, Read, Admin, Tickets]}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: OpsJob
                metadata: {name: %1$s-job, namespace: opsgate-%1$s}
                spec:
                  manual: true
                  container: {image: registry.example/ops/runner:1}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: page, namespace: opsgate-%1$s}
                spec:
                  matchers: ['severity="critical"']
                  actions:
                    ticket: {priority: P1, groupBy: [instance]}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: watch, namespace: opsgate-%1$s}
                spec:
                  order: 10
                  mode: Shadow
                  matchers: ['severity="critical"']
                  actions: {drop: true}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertSource
                metadata: {name: %1$s-source, namespace: opsgate-%1$s}
                spec:
                  type: Webhook
                  webhook: {summary: $.summary}
                  alertname: FromSource
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: %1$s-beat, namespace: opsgate-%1$s}
                spec:
                  type: Heartbeat
                  heartbeat: {period: 1h}
                """.formatted(name);
    }

    static String alert(String name, String instance) {
        return "{\"labels\":{\"alertname\":\"" + name + "\",\"instance\":\"" + instance + "\",\"severity\":\"critical\"}}";
    }

    static Http.Response post(String token, String path, String body) {
        Http.Response r = http.post(path, token, body);
        assertThat(r.status()).as("%s %s", path, r.body()).isBetween(200, 299);
        return r;
    }

    /** How to call a route with alpha's token aimed at beta's resources. */
    record Probe(String path, String body) {
    }

    /** Every route the test knows, with the call that aims at beta. Collection routes are alpha's own. */
    static Map<String, Function<String, Probe>> probes() {
        String ticket = "/api/v1/tickets/" + BETA_TICKET;
        return Map.ofEntries(
                Map.entry("POST /api/v2/alerts", p -> new Probe(p, "[]")),
                Map.entry("GET /api/v2/alerts", p -> new Probe(p + "?filter=instance%3D~%22.%2A%22", null)),
                Map.entry("GET /api/v2/silences", p -> new Probe(p, null)),
                Map.entry("POST /api/v2/silences", p -> new Probe(p, "{\"id\":\"" + betaSilence + "\",\"matchers\":[{\"name\":\"a\","
                        + "\"value\":\"b\",\"isRegex\":false}],\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2099-01-01T00:00:00Z\","
                        + "\"createdBy\":\"alpha\",\"comment\":\"takeover\"}")),
                Map.entry("GET /api/v2/silence/:id", p -> new Probe("/api/v2/silence/" + betaSilence, null)),
                Map.entry("DELETE /api/v2/silence/:id", p -> new Probe("/api/v2/silence/" + betaSilence, null)),
                Map.entry("GET /api/v2/status", p -> new Probe(p, null)),
                Map.entry("GET /api/v2/receivers", p -> new Probe(p, null)),
                Map.entry("GET /api/v2/alerts/groups", p -> new Probe(p + "?filter=instance%3D~%22.%2A%22", null)),
                Map.entry("GET /api/v1/rules", p -> new Probe(p, null)),
                Map.entry("POST /api/v1/webhooks/alertmanager", p -> new Probe(p, "{\"version\":\"4\",\"alerts\":[]}")),
                Map.entry("POST /api/v1/events", p -> new Probe(p, "[]")),
                Map.entry("POST /api/v1/sources/:name", p -> new Probe(BETA_SOURCE, "{\"summary\":\"" + ALPHA_PROBE + "\"}")),
                Map.entry("GET /api/v1/monitors", p -> new Probe(p, null)),
                Map.entry("POST /api/v1/heartbeats/:monitor", p -> new Probe(BETA_HEARTBEAT, "")),
                Map.entry("GET /api/v1/heartbeats/:monitor", p -> new Probe(BETA_HEARTBEAT, null)),
                Map.entry("GET /api/v1/jobruns", p -> new Probe(p, null)),
                Map.entry("GET /api/v1/opsjobs", p -> new Probe(p, null)),
                Map.entry("POST /api/v1/jobs/:opsjob/runs", p -> new Probe(BETA_JOB_RUNS, "{\"reason\":\"alpha takes over\"}")),
                Map.entry("POST /api/v1/tickets", p -> new Probe(p, "{\"title\":\"alpha's request\",\"category\":\"change\"}")),
                Map.entry("GET /api/v1/notices", p -> new Probe(p, null)),
                Map.entry("GET /api/v1/people", p -> new Probe(p, null)),
                Map.entry("GET /api/v1/tickets", p -> new Probe(p, null)),
                Map.entry("GET /api/v1/tickets/:id", p -> new Probe(ticket, null)),
                Map.entry("GET /api/v1/deadletters", p -> new Probe(p, null)),
                Map.entry("POST /api/v1/tickets/:id/ack", p -> new Probe(ticket + "/ack", null)),
                Map.entry("POST /api/v1/tickets/:id/resolve", p -> new Probe(ticket + "/resolve", null)),
                Map.entry("POST /api/v1/tickets/:id/close", p -> new Probe(ticket + "/close", null)),
                Map.entry("POST /api/v1/tickets/:id/assign", p -> new Probe(ticket + "/assign", "{\"assignee\":\"alpha\"}")),
                Map.entry("POST /api/v1/tickets/:id/comments", p -> new Probe(ticket + "/comments", "{\"text\":\"x\"}")),
                Map.entry("GET /api/v1/credentials", p -> new Probe(p, null)),
                Map.entry("GET /api/v1/credentials/:name", p -> new Probe("/api/v1/credentials/beta-cred", null)),
                Map.entry("DELETE /api/v1/credentials/:name", p -> new Probe("/api/v1/credentials/beta-cred", null)),
                Map.entry("PUT /api/v1/credentials/:name", p -> new Probe("/api/v1/credentials/beta-cred", "{\"password\":\"alpha\"}")),
                Map.entry("POST /api/v1/keys/rotate", p -> new Probe(p, null)),
                Map.entry("GET /api/v1/access-log", p -> new Probe(p + "?limit=1000", null)),
                Map.entry("GET /internal/v1/security", p -> new Probe(p + "?tenant=beta", null)),
                Map.entry("POST /internal/v1/purge", p -> new Probe(p, "{\"tenant\":\"beta\"}")),
                Map.entry("POST /internal/v1/notices", p -> new Probe(p, "{\"tenant\":\"beta\",\"title\":\"x\",\"severity\":\"info\","
                        + "\"kind\":\"Test\"}")));
    }

    static final Set<String> UNAUTHENTICATED = Set.of("GET /healthz", "GET /readyz", "GET /metrics", "GET /-/healthy",
            "GET /-/ready");

    /** The routes of the tenant API listener as "METHOD /path", read from the router the server builds. */
    static List<String> registeredRoutes() throws Exception {
        return registeredRoutes(engine);
    }

    static List<String> registeredRoutes(SecureEngine engine) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Router router = new io.opsgate.engine.http.ApiRouter(engine.server.registry(), new io.opsgate.engine.metrics.EngineMetrics(),
                    new io.opsgate.engine.http.ServerInfo("test", 0),
                    new io.opsgate.engine.http.ApiRouter.Features(null, null, null), engine.server.security(),
                    new io.opsgate.engine.notify.InternalToken(engine.internalTokenFile)).build(vertx);
            Set<String> result = new TreeSet<>();
            for (Route r : router.getRoutes()) {
                if (r.getPath() == null) {
                    continue;
                }
                Set<HttpMethod> methods = r.methods();
                assertThat(methods).as("route %s must name its methods", r.getPath()).isNotNull().isNotEmpty();
                for (HttpMethod m : methods) {
                    result.add(m.name() + " " + r.getPath());
                }
            }
            return new ArrayList<>(result);
        } finally {
            vertx.close();
        }
    }

    @Test
    void alphaNeverReachesBetaOnAnyRoute() throws Exception {
        List<String> routes = registeredRoutes();
        assertThat(routes).hasSizeGreaterThan(20);
        Map<String, Function<String, Probe>> probes = probes();
        List<String> unknown = new ArrayList<>();
        for (String route : routes) {
            if (UNAUTHENTICATED.contains(route)) {
                continue;
            }
            Function<String, Probe> probe = probes.get(route);
            if (probe == null) {
                unknown.add(route);
                continue;
            }
            String method = route.substring(0, route.indexOf(' '));
            Probe p = probe.apply(route.substring(route.indexOf(' ') + 1));
            Http.Response r = call(method, p);
            assertThat(r.body()).as("%s answered %d with beta's data", route, r.status()).doesNotContain(MARKER)
                    .doesNotContain("\"name\":\"beta-beat\"").doesNotContain("\"name\":\"beta-job\"")
                    .doesNotContain("\"name\":\"beta-owner\"");
            if (p.path().contains(String.valueOf(betaSilence)) || p.path().contains("/tickets/" + BETA_TICKET)
                    || p.path().contains("beta-cred") && !method.equals("PUT") || p.path().startsWith("/internal/")
                    || p.path().equals(BETA_SOURCE) || p.path().equals(BETA_HEARTBEAT) || p.path().equals(BETA_JOB_RUNS)) {
                assertThat(r.status()).as("%s on beta's resource: %s", route, r.body()).isIn(401, 403, 404);
            } else {
                assertThat(r.status()).as("%s: %s", route, r.body()).isLessThan(500);
            }
        }
        if (!unknown.isEmpty()) {
            fail("routes the cross-tenant test does not exercise (add a probe aimed at the other tenant): " + unknown);
        }
        assertBetaUntouched();
    }

    @Test
    void theUnauthenticatedRoutesAreOnlyHealthAndMetrics() throws Exception {
        for (String route : registeredRoutes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll(":[a-z]+", "x");
            Http.Response r = call(method, new Probe(path, method.equals("GET") || method.equals("DELETE") ? null : "{}"),
                    null);
            if (UNAUTHENTICATED.contains(route)) {
                assertThat(r.status()).as(route).isIn(200, 503);
            } else {
                assertThat(r.status()).as("%s without a token: %s", route, r.body()).isEqualTo(401);
            }
        }
    }

    static Http.Response call(String method, Probe p) {
        return call(method, p, alpha);
    }

    static Http.Response call(String method, Probe p, String token) {
        return call(http, method, p, token);
    }

    static Http.Response call(Http http, String method, Probe p, String token) {
        return switch (method) {
            case "GET" -> http.get(p.path(), token);
            case "DELETE" -> http.delete(p.path(), token);
            case "PUT" -> http.put(p.path(), token, p.body());
            case "POST" -> http.post(p.path(), token, p.body() == null ? "" : p.body());
            default -> throw new AssertionError("no probe for method " + method);
        };
    }

    static void assertBetaUntouched() {
        assertThat(http.get("/api/v1/tickets?category=change", beta).json().path("tickets")).as("alpha's request in beta")
                .isEmpty();
        assertThat(http.get("/api/v1/jobruns", beta).json()).as("a run of beta's job started by alpha").isEmpty();
        Http.Response ticket = http.get("/api/v1/tickets/" + BETA_TICKET, beta);
        assertThat(ticket.json().path("state").asText()).isEqualTo("open");
        assertThat(ticket.json().path("comments").size()).isZero();
        Http.Response silence = http.get("/api/v2/silence/" + betaSilence, beta);
        assertThat(silence.json().path("status").path("state").asText()).isEqualTo("active");
        assertThat(silence.json().path("comment").asText()).isEqualTo(MARKER);
        assertThat(http.get("/api/v1/credentials/beta-cred", beta).status()).isEqualTo(200);
        assertThat(engine.server.security().credential("beta", "beta-cred")).containsEntry("password", MARKER + "-secret");
        assertThat(engine.server.registry().tenant("beta")).isNotNull();
        assertThat(http.get("/api/v2/alerts", beta).body()).contains(MARKER).doesNotContain(ALPHA_PROBE);
        assertThat(http.get("/api/v1/rules", beta).body()).as("beta's shadow rule shows its matches' labels")
                .contains(MARKER);
        Http.Response monitors = http.get("/api/v1/monitors", beta);
        assertThat(monitors.json()).hasSize(1);
        assertThat(monitors.json().get(0).path("name").asText()).isEqualTo("beta-beat");
        assertThat(monitors.json().get(0).path("state").asText()).as("alpha's ping must not reach beta's heartbeat")
                .isEqualTo("Unknown");
    }
}
