package io.opsgate.engine.console;

import io.opsgate.engine.http.ApiRouter;
import io.opsgate.engine.http.ServerInfo;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.notify.InternalToken;
import io.opsgate.engine.support.ConsoleClient;
import io.opsgate.engine.support.ConsoleWorld;
import io.opsgate.engine.support.Http;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The console's sibling of {@code CrossTenantIT}: bob, owner of globex and signed in there (every scope a person
 * can have), sends his session, with its CSRF token and the console's Origin, to every route the listener serves,
 * the console's own and the tenant API's (enumerated from the routers the engine builds), each aimed at tenant
 * acme's data. Never acme's data, never a change in acme; a route this test does not know fails it.
 */
class ConsoleCrossTenantIT {
    static final String MARKER = "acme-only-marker";

    @TempDir
    static Path root;
    static ConsoleWorld world;
    static Http api;
    static ConsoleClient bob;
    static String acmeSilence;
    static String acmeTicket;

    @BeforeAll
    static void start() throws Exception {
        world = new ConsoleWorld(root, Duration.ofMinutes(30));
        api = new Http(world.base);
        String acmeAdmin = ConsoleWorld.token("acme", "admin");
        String alerts = "[" + alert("A1", MARKER + "-1") + "," + alert("A2", MARKER + "-2") + "," + alert("A3", MARKER + "-3") + "]";
        assertThat(api.post("/api/v2/alerts", ConsoleWorld.token("acme", "ingest"), alerts).status()).isEqualTo(200);
        assertThat(api.post("/api/v2/alerts", ConsoleWorld.token("globex", "ingest"), "[" + alert("G1", "globex-1") + "]")
                .status()).isEqualTo(200);
        Http.Response request = api.post("/api/v1/tickets", acmeAdmin, "{\"title\":\"" + MARKER + " request\",\"category\":"
                + "\"service_request\"}");
        assertThat(request.status()).isEqualTo(201);
        acmeTicket = request.json().path("id").asText();
        assertThat(Long.parseLong(acmeTicket)).as("an id globex has no ticket of").isGreaterThan(1);
        Instant now = Instant.now();
        acmeSilence = api.post("/api/v2/silences", acmeAdmin, "{\"matchers\":[{\"name\":\"instance\",\"value\":\"" + MARKER
                + "\",\"isRegex\":false}],\"startsAt\":\"" + now + "\",\"endsAt\":\"" + now.plus(Duration.ofDays(1))
                + "\",\"createdBy\":\"alice\",\"comment\":\"" + MARKER + "\"}").json().path("silenceID").asText();
        assertThat(api.put("/api/v1/credentials/acme-cred", acmeAdmin, "{\"password\":\"" + MARKER + "\"}").status())
                .isEqualTo(200);
        world.engine.security().notices().send("acme", MARKER + " notice", "", "info", "Test").join();
        bob = new ConsoleClient(world.base);
        world.nextSignIn("bob", List.of());
        assertThat(bob.signIn("globex").status()).isEqualTo(303);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static String alert(String name, String instance) {
        return "{\"labels\":{\"alertname\":\"" + name + "\",\"instance\":\"" + instance + "\",\"severity\":\"critical\"}}";
    }

    /** A call with bob's session aimed at acme. */
    record Probe(String method, String path, String body) {
    }

    static Map<String, Function<String, Probe>> probes() {
        String ticket = "/api/v1/tickets/" + acmeTicket;
        return Map.ofEntries(
                // The console's routes, with acme as the tenant.
                Map.entry("GET /console/", p -> new Probe("GET", "/console/?tenant=acme", null)),
                Map.entry("GET /console/assets/:name", p -> new Probe("GET", "/console/assets/app.js", null)),
                Map.entry("GET /console/:tenant/", p -> new Probe("GET", "/console/acme/", null)),
                Map.entry("GET /console/:tenant/login", p -> new Probe("GET", "/console/acme/login", null)),
                Map.entry("POST /console/:tenant/login", p -> new Probe("POST", "/console/acme/login", "user=alice&password=x")),
                Map.entry("GET /console/:tenant/login/oidc", p -> new Probe("GET", "/console/acme/login/oidc", null)),
                Map.entry("GET /console/:tenant/callback", p -> new Probe("GET", "/console/acme/callback?state=x&code=y", null)),
                Map.entry("GET /console/:tenant/session", p -> new Probe("GET", "/console/acme/session", null)),
                Map.entry("POST /console/:tenant/logout", p -> new Probe("POST", "/console/acme/logout", null)),
                // The tenant API: collections are bob's own tenant's, ids are acme's.
                Map.entry("POST /api/v2/alerts", p -> new Probe("POST", p, "[]")),
                Map.entry("GET /api/v2/alerts", p -> new Probe("GET", p, null)),
                Map.entry("GET /api/v2/silences", p -> new Probe("GET", p, null)),
                Map.entry("POST /api/v2/silences", p -> new Probe("POST", p, "{\"id\":\"" + acmeSilence + "\",\"matchers\":[{"
                        + "\"name\":\"a\",\"value\":\"b\",\"isRegex\":false}],\"startsAt\":\"2026-01-01T00:00:00Z\","
                        + "\"endsAt\":\"2099-01-01T00:00:00Z\",\"comment\":\"takeover\"}")),
                Map.entry("GET /api/v2/silence/:id", p -> new Probe("GET", "/api/v2/silence/" + acmeSilence, null)),
                Map.entry("DELETE /api/v2/silence/:id", p -> new Probe("DELETE", "/api/v2/silence/" + acmeSilence, null)),
                Map.entry("GET /api/v2/status", p -> new Probe("GET", p, null)),
                Map.entry("GET /api/v2/alerts/groups", p -> new Probe("GET", p, null)),
                Map.entry("GET /api/v1/rules", p -> new Probe("GET", p, null)),
                Map.entry("GET /api/v1/oncall", p -> new Probe("GET", p, null)),
                Map.entry("GET /api/v1/suspensions", p -> new Probe("GET", p, null)),
                Map.entry("POST /api/v1/suspensions", p -> new Probe("POST", p, "{\"reason\":\"bob\",\"start\":"
                        + "\"2026-01-01T00:00:00Z\",\"end\":\"2099-01-01T00:00:00Z\",\"matchers\":[\"instance=\\\"x\\\"\"]}")),
                Map.entry("GET /api/v1/oncall/feeds", p -> new Probe("GET", p, null)),
                Map.entry("POST /api/v1/oncall/feeds", p -> new Probe("POST", p, "{\"person\":\"bob\"}")),
                Map.entry("DELETE /api/v1/oncall/feeds/:id", p -> new Probe("DELETE", "/api/v1/oncall/feeds/acme-feed", null)),
                Map.entry("GET /api/v1/oncall/calendar/:tenant/:token", p -> new Probe("GET",
                        "/api/v1/oncall/calendar/acme/" + "a".repeat(43), null)),
                Map.entry("POST /api/v1/callouts/:tenant/:token/:kind", p -> new Probe("POST",
                        "/api/v1/callouts/acme/some-attempt-token/gather", "Digits=1")),
                Map.entry("GET /api/v2/receivers", p -> new Probe("GET", p, null)),
                Map.entry("POST /api/v1/webhooks/alertmanager", p -> new Probe("POST", p, "{\"version\":\"4\",\"alerts\":[]}")),
                Map.entry("POST /api/v1/events", p -> new Probe("POST", p, "[]")),
                Map.entry("POST /api/v1/sources/:name", p -> new Probe("POST", "/api/v1/sources/acme-source", "{}")),
                Map.entry("GET /api/v1/monitors", p -> new Probe("GET", p, null)),
                Map.entry("POST /api/v1/heartbeats/:monitor", p -> new Probe("POST", "/api/v1/heartbeats/acme-beat", "")),
                Map.entry("GET /api/v1/heartbeats/:monitor", p -> new Probe("GET", "/api/v1/heartbeats/acme-beat", null)),
                Map.entry("GET /api/v1/jobruns", p -> new Probe("GET", p, null)),
                Map.entry("GET /api/v1/opsjobs", p -> new Probe("GET", p, null)),
                Map.entry("POST /api/v1/jobs/:opsjob/runs", p -> new Probe("POST", "/api/v1/jobs/restart-web/runs",
                        "{\"reason\":\"bob takes over\"}")),
                Map.entry("GET /api/v1/tickets", p -> new Probe("GET", p + "?state=open,acknowledged,resolved,closed", null)),
                Map.entry("POST /api/v1/tickets", p -> new Probe("POST", p, "{\"title\":\"bob's request\",\"category\":\"change\"}")),
                Map.entry("GET /api/v1/tickets/:id", p -> new Probe("GET", ticket, null)),
                Map.entry("GET /api/v1/deadletters", p -> new Probe("GET", p, null)),
                Map.entry("POST /api/v1/tickets/:id/ack", p -> new Probe("POST", ticket + "/ack", null)),
                Map.entry("POST /api/v1/tickets/:id/resolve", p -> new Probe("POST", ticket + "/resolve", null)),
                Map.entry("POST /api/v1/tickets/:id/close", p -> new Probe("POST", ticket + "/close", null)),
                Map.entry("POST /api/v1/tickets/:id/assign", p -> new Probe("POST", ticket + "/assign", "{\"assignee\":\"bob\"}")),
                Map.entry("POST /api/v1/tickets/:id/comments", p -> new Probe("POST", ticket + "/comments", "{\"text\":\"bob\"}")),
                Map.entry("GET /api/v1/people", p -> new Probe("GET", p, null)),
                Map.entry("GET /api/v1/notices", p -> new Probe("GET", p, null)),
                Map.entry("GET /api/v1/credentials", p -> new Probe("GET", p, null)),
                Map.entry("GET /api/v1/credentials/:name", p -> new Probe("GET", "/api/v1/credentials/acme-cred", null)),
                Map.entry("DELETE /api/v1/credentials/:name", p -> new Probe("DELETE", "/api/v1/credentials/acme-cred", null)),
                Map.entry("PUT /api/v1/credentials/:name", p -> new Probe("PUT", "/api/v1/credentials/acme-cred", "{\"password\":\"bob\"}")),
                Map.entry("POST /api/v1/keys/rotate", p -> new Probe("POST", p, null)),
                Map.entry("GET /api/v1/access-log", p -> new Probe("GET", p + "?limit=1000", null)),
                Map.entry("GET /internal/v1/security", p -> new Probe("GET", p + "?tenant=acme", null)),
                Map.entry("POST /internal/v1/purge", p -> new Probe("POST", p, "{\"tenant\":\"acme\"}")),
                Map.entry("POST /internal/v1/notices", p -> new Probe("POST", p, "{\"tenant\":\"acme\",\"title\":\"x\","
                        + "\"severity\":\"info\",\"kind\":\"Test\"}")));
    }

    static final Set<String> UNAUTHENTICATED = Set.of("GET /healthz", "GET /readyz", "GET /metrics", "GET /-/healthy",
            "GET /-/ready");

    /** Every route of the listener as "METHOD /path", read from the routers the engine builds. */
    static List<String> registeredRoutes() throws Exception {
        Path token = root.resolve("internal-token");
        Files.writeString(token, "internal-token-for-the-route-list-000000");
        Vertx vertx = Vertx.vertx();
        try {
            Router router = new ApiRouter(world.engine.registry(), new EngineMetrics(), new ServerInfo("test", 0),
                    new ApiRouter.Features(null, null, null), world.engine.security(), new InternalToken(token)).build(vertx);
            new ConsoleRouter(world.engine.registry(), world.engine.identity(), world.engine.security().accessLog()).mount(router);
            Set<String> result = new TreeSet<>();
            for (Route r : router.getRoutes()) {
                if (r.getPath() == null) {
                    continue;
                }
                Set<HttpMethod> methods = r.methods();
                assertThat(methods).as("route %s must name its methods", r.getPath()).isNotNull().isNotEmpty();
                methods.forEach(m -> result.add(m.name() + " " + r.getPath()));
            }
            return new ArrayList<>(result);
        } finally {
            vertx.close();
        }
    }

    @Test
    void aPersonOfOneTenantNeverReachesAnothersDataOnAnyRoute() throws Exception {
        List<String> routes = registeredRoutes();
        assertThat(routes).contains("GET /console/:tenant/session", "POST /api/v1/tickets", "GET /api/v1/notices");
        Map<String, Function<String, Probe>> probes = probes();
        List<String> unknown = new ArrayList<>();
        String csrf = bob.csrf("globex");
        for (String route : routes) {
            if (UNAUTHENTICATED.contains(route)) {
                continue;
            }
            Function<String, Probe> probe = probes.get(route);
            if (probe == null) {
                unknown.add(route);
                continue;
            }
            Probe p = probe.apply(route.substring(route.indexOf(' ') + 1));
            ConsoleClient.Response r = p.method().equals("GET") ? bob.get(p.path())
                    : bob.change(p.method(), p.path(), p.body(), csrf, world.base);
            assertThat(r.body()).as("%s answered %d with acme's data", route, r.status()).doesNotContain(MARKER);
            if (!p.method().equals("PUT")) {
                // A PUT of that name writes bob's own tenant's credential, which is his to see.
                assertThat(r.body()).as("%s answered %d with acme's credential", route, r.status())
                        .doesNotContain("\"name\":\"acme-cred\"");
            }
            assertThat(r.status()).as("%s: %s", route, r.body()).isLessThan(500);
            if (p.path().contains(acmeSilence) || p.path().contains("/tickets/" + acmeTicket) || p.path().contains("acme-cred")
                    && !p.method().equals("PUT") || p.path().startsWith("/internal/") || p.path().equals("/console/acme/session")
                    || p.path().equals("/console/acme/logout") || p.path().startsWith("/api/v1/jobs/")
                    || p.path().startsWith("/api/v1/oncall/calendar/acme/") || p.path().startsWith("/api/v1/callouts/acme/")) {
                assertThat(r.status()).as("%s on acme's resource: %s", route, r.body()).isIn(401, 403, 404);
            }
        }
        if (!unknown.isEmpty()) {
            fail("routes the console cross-tenant test does not exercise (add a probe aimed at the other tenant): " + unknown);
        }
        // Bob is still signed in to globex (acme's sign-out did not touch his session), and acme is as it was.
        assertThat(bob.get("/console/globex/session").status()).isEqualTo(200);
        assertAcmeUntouched();
    }

    static void assertAcmeUntouched() {
        String admin = ConsoleWorld.token("acme", "admin");
        Http.Response ticket = api.get("/api/v1/tickets/" + acmeTicket, admin);
        assertThat(ticket.json().path("state").asText()).isEqualTo("open");
        assertThat(ticket.json().path("comments")).isEmpty();
        assertThat(ticket.json().has("assignee")).isFalse();
        assertThat(api.get("/api/v2/silence/" + acmeSilence, admin).json().path("status").path("state").asText())
                .isEqualTo("active");
        assertThat(world.engine.security().credential("acme", "acme-cred")).containsEntry("password", MARKER);
        assertThat(api.get("/api/v1/tickets?category=change", admin).json().path("tickets")).isEmpty();
        assertThat(api.get("/api/v1/jobruns", admin).json()).isEmpty();
    }
}
