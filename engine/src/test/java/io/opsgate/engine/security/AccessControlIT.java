package io.opsgate.engine.security;

import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.MutableClock;
import io.opsgate.engine.support.RawHttp;
import io.opsgate.engine.support.SecureEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Token scopes on every route (the table of docs/architecture.md, checked against the routes the router
 * registers), token expiry, rotation with an overlap and the old token refused right after the reload that
 * drops it, and the source-address allow lists from loopback aliases 127.0.0.2 and 127.0.0.3.
 */
class AccessControlIT {
    @TempDir
    static Path root;
    static SecureEngine engine;
    static Http http;
    static MutableClock clock = new MutableClock(Instant.now());
    static final Instant SOON = Instant.now().plus(Duration.ofHours(1));

    static String config(boolean withOld) {
        return """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: gamma}
                spec:
                  egress: [{cidr: 127.0.0.1/32}]
                  apiTokens:
                    - {name: ingest, scopes: [Ingest]}
                    - {name: reader, scopes: [Read]}
                    - {name: operator, scopes: [Read, Tickets]}
                    - {name: admin, scopes: [Admin]}
                    - {name: expired, scopes: [Read], expiresAt: "2020-01-01T00:00:00Z"}
                    - {name: soon, scopes: [Read], expiresAt: "%s"}
                %s    - {name: new, scopes: [Read]}
                  ingest: {allowedCidrs: [127.0.0.0/8]}
                  access: {apiAllowedCidrs: [127.0.0.1/32, 127.0.0.2/32]}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: page, namespace: opsgate-gamma}
                spec:
                  matchers: ['severity="critical"']
                  actions:
                    ticket: {priority: P1}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertSource
                metadata: {name: scope-test, namespace: opsgate-gamma}
                spec:
                  type: Webhook
                  webhook: {summary: /summary}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: scope-test, namespace: opsgate-gamma}
                spec:
                  type: Heartbeat
                  heartbeat: {period: 1h}
                """.formatted(SOON, withOld ? "    - {name: old, scopes: [Read]}\n" : "");
    }

    @BeforeAll
    static void start() throws Exception {
        engine = new SecureEngine(root).config("gamma.yaml", config(true));
        for (String t : List.of("ingest", "reader", "operator", "admin", "expired", "soon", "old", "new")) {
            engine.token("gamma", t, "gamma-" + t + "-token-" + "0".repeat(24));
        }
        engine.start(clock);
        http = engine.http;
        assertThat(http.post("/api/v2/alerts", engine.token("gamma/ingest"),
                "[{\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\"}}]").status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** The scope each route needs, as docs/architecture.md states it; ticket changes take Tickets or Admin. */
    static final Map<String, Set<String>> SCOPES = Map.ofEntries(
            Map.entry("POST /api/v2/alerts", Set.of("Ingest")),
            Map.entry("POST /api/v1/webhooks/alertmanager", Set.of("Ingest")),
            Map.entry("POST /api/v1/events", Set.of("Ingest")),
            Map.entry("POST /api/v1/sources/:name", Set.of("Ingest")),
            Map.entry("POST /api/v1/heartbeats/:monitor", Set.of("Ingest")),
            Map.entry("GET /api/v1/heartbeats/:monitor", Set.of("Ingest")),
            Map.entry("GET /api/v1/monitors", Set.of("Read")),
            Map.entry("GET /api/v1/jobruns", Set.of("Read")),
            Map.entry("GET /api/v1/opsjobs", Set.of("Read")),
            Map.entry("POST /api/v1/jobs/:opsjob/runs", Set.of("Admin", "Tickets")),
            Map.entry("POST /api/v1/tickets", Set.of("Read")),
            Map.entry("GET /api/v1/people", Set.of("Read")),
            Map.entry("GET /api/v1/notices", Set.of("Read")),
            Map.entry("GET /api/v2/alerts", Set.of("Read")),
            Map.entry("GET /api/v2/silences", Set.of("Read")),
            Map.entry("GET /api/v2/silence/:id", Set.of("Read")),
            Map.entry("GET /api/v2/status", Set.of("Read")),
            Map.entry("GET /api/v2/receivers", Set.of("Read")),
            Map.entry("GET /api/v2/alerts/groups", Set.of("Read")),
            Map.entry("GET /api/v1/rules", Set.of("Read")),
            Map.entry("GET /api/v1/tickets", Set.of("Read")),
            Map.entry("GET /api/v1/tickets/:id", Set.of("Read")),
            Map.entry("GET /api/v1/deadletters", Set.of("Read")),
            Map.entry("GET /api/v1/access-log", Set.of("Read")),
            Map.entry("POST /api/v2/silences", Set.of("Admin")),
            Map.entry("DELETE /api/v2/silence/:id", Set.of("Admin")),
            Map.entry("POST /api/v1/tickets/:id/ack", Set.of("Admin", "Tickets")),
            Map.entry("POST /api/v1/tickets/:id/resolve", Set.of("Admin", "Tickets")),
            Map.entry("POST /api/v1/tickets/:id/close", Set.of("Admin", "Tickets")),
            Map.entry("POST /api/v1/tickets/:id/assign", Set.of("Admin", "Tickets")),
            // Read too, but only on a request the caller opened by hand (ticket 1 here is a rule's): 403 for Read alone.
            Map.entry("POST /api/v1/tickets/:id/comments", Set.of("Admin", "Tickets")),
            Map.entry("GET /api/v1/credentials", Set.of("Admin")),
            Map.entry("GET /api/v1/credentials/:name", Set.of("Admin")),
            Map.entry("PUT /api/v1/credentials/:name", Set.of("Admin")),
            Map.entry("DELETE /api/v1/credentials/:name", Set.of("Admin")),
            Map.entry("POST /api/v1/keys/rotate", Set.of("Admin")));

    static final Map<String, Set<String>> TOKENS = Map.of("ingest", Set.of("Ingest"), "reader", Set.of("Read"),
            "operator", Set.of("Read", "Tickets"), "admin", Set.of("Admin"));

    @Test
    void everyRouteRefusesATokenWithoutItsScopeAndAdmitsOneWithIt() throws Exception {
        List<String> unknown = new ArrayList<>();
        for (String route : CrossTenantIT.registeredRoutes(engine)) {
            if (CrossTenantIT.UNAUTHENTICATED.contains(route) || route.contains(" /internal/")) {
                continue;
            }
            Set<String> needs = SCOPES.get(route);
            if (needs == null) {
                unknown.add(route);
                continue;
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replace(":id", "1").replace(":name", "scope-test")
                    .replace(":monitor", "scope-test");
            String body = method.equals("PUT") ? "{\"k\":\"v\"}" : method.equals("POST") ? "{}" : null;
            for (Map.Entry<String, Set<String>> token : TOKENS.entrySet()) {
                boolean allowed = token.getValue().stream().anyMatch(needs::contains);
                Http.Response r = CrossTenantIT.call(http, method, new CrossTenantIT.Probe(path, body),
                        engine.token("gamma/" + token.getKey()));
                if (allowed) {
                    assertThat(r.status()).as("%s with %s: %s", route, token.getKey(), r.body()).isNotIn(401, 403);
                } else {
                    assertThat(r.status()).as("%s with %s: %s", route, token.getKey(), r.body()).isEqualTo(403);
                    assertThat(r.json().path("error").asText()).contains("lacks the");
                }
            }
        }
        if (!unknown.isEmpty()) {
            fail("routes without a scope in this test's table (and docs/architecture.md): " + unknown);
        }
    }

    @Test
    void expiredTokensAreRefused() {
        assertThat(http.get("/api/v2/alerts", engine.token("gamma/expired")).status()).isEqualTo(401);
        assertThat(http.get("/api/v2/alerts", engine.token("gamma/soon")).status()).isEqualTo(200);
        Http.Response evidence = http.get("/internal/v1/security?tenant=gamma", SecureEngine.INTERNAL_TOKEN);
        assertThat(evidence.json().path("tokens").path("expired").toString()).contains("expired");
        assertThat(evidence.json().path("tokens").path("expiringSoon").toString()).contains("soon");
        clock.advance(Duration.ofHours(2));
        try {
            assertThat(http.get("/api/v2/alerts", engine.token("gamma/soon")).status()).isEqualTo(401);
            assertThat(http.get("/api/v2/alerts", engine.token("gamma/reader")).status()).isEqualTo(200);
        } finally {
            clock.advance(Duration.ofHours(-2));
        }
    }

    @Test
    void rotationKeepsBothTokensUntilTheOldOneIsRemoved() {
        String old = engine.token("gamma/old");
        String fresh = engine.token("gamma/new");
        assertThat(http.get("/api/v2/alerts", old).status()).isEqualTo(200);
        assertThat(http.get("/api/v2/alerts", fresh).status()).isEqualTo(200);
        engine.config("gamma.yaml", config(false));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> http.get("/api/v2/alerts", old).status() == 401);
        assertThat(http.get("/api/v2/alerts", fresh).status()).isEqualTo(200);
        engine.config("gamma.yaml", config(true));
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v2/alerts", old).status() == 200);
    }

    @Test
    void theApiAllowListAppliesToEveryRouteButIngestion() {
        String reader = engine.token("gamma/reader");
        RawHttp.Response allowed = RawHttp.send("127.0.0.2", engine.server.port(), "GET", "/api/v2/alerts", reader, null);
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        RawHttp.Response refused = RawHttp.send("127.0.0.3", engine.server.port(), "GET", "/api/v2/alerts", reader, null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("127.0.0.3").contains("\"field\":\"spec.access.apiAllowedCidrs\"");
        RawHttp.Response admin = RawHttp.send("127.0.0.3", engine.server.port(), "GET", "/api/v1/credentials",
                engine.token("gamma/admin"), null);
        assertThat(admin.status()).isEqualTo(403);
        RawHttp.Response ingest = RawHttp.send("127.0.0.3", engine.server.port(), "POST", "/api/v2/alerts",
                engine.token("gamma/ingest"), "[{\"labels\":{\"alertname\":\"FromAlias\"}}]");
        assertThat(ingest.status()).as(ingest.body()).isEqualTo(200);
        RawHttp.Response noToken = RawHttp.send("127.0.0.3", engine.server.port(), "GET", "/api/v2/alerts", null, null);
        assertThat(noToken.status()).isEqualTo(401);
    }

    @Test
    void dataKeysRotateOnScheduleAndFollowANewKekAndEngineActionsAreLogged() throws Exception {
        String admin = engine.token("gamma/admin");
        assertThat(http.put("/api/v1/credentials/db", admin, "{\"password\":\"pw\"}").status()).isEqualTo(200);
        var keys = engine.server.registry().tenant("gamma").store().keys();
        String first = keys.current().id();
        assertThat(http.post("/api/v2/alerts", engine.token("gamma/ingest"), "[{\"labels\":{\"alertname\":\"NoTicket\"}}]")
                .status()).isEqualTo(200);
        clock.advance(Duration.ofDays(91));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !keys.current().id().equals(first));
            assertThat(engine.server.security().credential("gamma", "db")).containsEntry("password", "pw");
            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/access-log?limit=1000",
                    engine.token("gamma/reader")).body().contains("\"principal\":\"opsgate\",\"action\":\"rotate-data-key\""));
            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/access-log?limit=1000",
                    engine.token("gamma/reader")).body().contains("\"principal\":\"opsgate\",\"action\":\"retention-delete\""));
        } finally {
            clock.advance(Duration.ofDays(-91));
        }
        java.nio.file.Files.write(engine.kekDir.resolve("2027-01-01"), io.opsgate.engine.security.crypto.Aead.newKey());
        await().atMost(Duration.ofSeconds(30)).until(() -> "2027-01-01".equals(keys.current().kekId()));
        assertThat(engine.server.security().credential("gamma", "db")).containsEntry("password", "pw");
    }
}
