package io.opsgate.engine.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.support.ConsoleClient;
import io.opsgate.engine.support.ConsoleWorld;
import io.opsgate.engine.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's sign-in and sessions over real HTTP against a real OpenID provider (mock-oauth2-server): the
 * authorization code flow with PKCE, the session cookie, CSRF and Origin checks on changes, roles, tenant
 * separation, and every refusal answered clearly and written to the tenant's access log with nothing changed.
 */
class ConsoleSignInIT {
    /** Short, so the expiry test waits briefly; every other test's requests follow each other within it. */
    static final Duration IDLE = Duration.ofSeconds(3);

    @TempDir
    static Path root;
    static ConsoleWorld world;
    static Http api;

    @BeforeAll
    static void start() throws Exception {
        world = new ConsoleWorld(root, IDLE);
        api = new Http(world.base);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    ConsoleClient signedIn(String tenant, String user, List<String> groups) {
        ConsoleClient c = new ConsoleClient(world.base);
        world.nextSignIn(user, groups);
        ConsoleClient.Response r = c.signIn(tenant);
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        return c;
    }

    /** Opens a ticket in {@code tenant} with a unique alert; returns its id. */
    static String ticket(String tenant, String name) {
        String body = "[{\"labels\":{\"alertname\":\"" + name + "\",\"instance\":\"web-1\",\"severity\":\"critical\"},"
                + "\"annotations\":{\"summary\":\"" + name + " on web-1\"}}]";
        assertThat(api.post("/api/v2/alerts", ConsoleWorld.token(tenant, "ingest"), body).status()).isEqualTo(200);
        JsonNode tickets = api.get("/api/v1/tickets?filter=" + enc("alertname=\"" + name + "\""),
                ConsoleWorld.token(tenant, "admin")).json().path("tickets");
        assertThat(tickets.size()).isEqualTo(1);
        return tickets.get(0).path("id").asText();
    }

    static String state(String tenant, String id) {
        return api.get("/api/v1/tickets/" + id, ConsoleWorld.token(tenant, "admin")).json().path("state").asText();
    }

    static List<JsonNode> log(String tenant) {
        return world.engine.security().accessLog().read(tenant, null, 100_000);
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void signInUsesPkceStateAndNonceAndGivesAnHttpOnlyLaxSessionCookie() {
        ConsoleClient c = new ConsoleClient(world.base);
        URI authorize = c.startSignIn("acme");
        String q = authorize.getRawQuery();
        assertThat(q).contains("response_type=code", "code_challenge_method=S256", "client_id=" + ConsoleWorld.CLIENT_ID,
                "redirect_uri=" + enc(world.base + "/console/acme/callback")).containsPattern("state=[A-Za-z0-9_-]{43}")
                .containsPattern("nonce=[A-Za-z0-9_-]{43}").containsPattern("code_challenge=[A-Za-z0-9_-]{43}")
                .contains("scope=openid+profile+email");
        world.nextSignIn("alice", List.of());
        URI callback = c.provider(authorize);
        ConsoleClient.Response r = c.get(callback.getRawPath() + "?" + callback.getRawQuery());

        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).isEqualTo("/console/acme/");
        String cookie = ConsoleClient.setCookies(r).stream().filter(s -> s.startsWith("opsgate_session=")).findFirst().orElseThrow();
        assertThat(cookie).startsWith("opsgate_session=acme.").contains("; Path=/", "; HttpOnly", "; SameSite=Lax", "; Max-Age=")
                .doesNotContain("Secure");
        JsonNode me = c.get("/console/acme/session").json();
        assertThat(me.path("principal").asText()).isEqualTo("alice");
        assertThat(me.path("authMethod").asText()).isEqualTo("oidc");
        assertThat(me.path("roles").toString()).isEqualTo("[\"owner\"]");
        assertThat(me.path("scopes").toString()).isEqualTo("[\"Admin\",\"Ingest\",\"Read\"]");
        assertThat(me.path("csrfToken").asText()).hasSize(43);
        assertThat(log("acme")).anySatisfy(e -> {
            assertThat(e.path("principal").asText()).isEqualTo("alice");
            assertThat(e.path("authMethod").asText()).isEqualTo("oidc");
            assertThat(e.path("action").asText()).isEqualTo("sign-in");
        });
        // The answer cannot be used twice: the state is single use.
        ConsoleClient again = new ConsoleClient(world.base);
        again.cookies.putAll(c.cookies);
        assertThat(again.get(callback.getRawPath() + "?" + callback.getRawQuery()).status()).isEqualTo(400);
    }

    @Test
    void anOperatorAcknowledgesAndCommentsUnderTheirOwnNameInTheLogAndOnTheTimeline() {
        String id = ticket("acme", "Op" + UUID.randomUUID().toString().substring(0, 8));
        ConsoleClient olga = signedIn("acme", "olga", List.of("acme-ops"));

        ConsoleClient.Response ack = olga.change("POST", "/api/v1/tickets/" + id + "/ack", null, "acme");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        ConsoleClient.Response comment = olga.change("POST", "/api/v1/tickets/" + id + "/comments",
                "{\"text\":\"looking into it\"}", "acme");
        assertThat(comment.status()).isEqualTo(200);

        JsonNode t = api.get("/api/v1/tickets/" + id, ConsoleWorld.token("acme", "admin")).json();
        assertThat(t.path("state").asText()).isEqualTo("acknowledged");
        assertThat(t.path("comments").get(0).path("author").asText()).isEqualTo("olga");
        assertThat(t.path("timeline").toString()).contains("\"actor\":\"olga\"");
        assertThat(log("acme")).anySatisfy(e -> {
            assertThat(e.path("principal").asText()).isEqualTo("olga");
            assertThat(e.path("authMethod").asText()).isEqualTo("oidc");
            assertThat(e.path("method").asText()).isEqualTo("POST");
            assertThat(e.path("path").asText()).isEqualTo("/api/v1/tickets/" + id + "/ack");
            assertThat(e.path("status").asInt()).isEqualTo(200);
        });
    }

    @Test
    void aChangeWithoutTheCsrfTokenOrFromAnotherOriginIsRefusedAndChangesNothing() {
        String id = ticket("acme", "Csrf" + UUID.randomUUID().toString().substring(0, 8));
        ConsoleClient olga = signedIn("acme", "olga", List.of("acme-ops"));
        String csrf = olga.csrf("acme");
        String path = "/api/v1/tickets/" + id + "/ack";

        ConsoleClient.Response missing = olga.change("POST", path, null, null, world.base);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.json().path("field").asText()).isEqualTo("X-CSRF-Token");
        assertThat(missing.json().path("error").asText()).contains("CSRF token is missing");
        ConsoleClient.Response wrong = olga.change("POST", path, null, csrf.substring(1) + "x", world.base);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.json().path("error").asText()).contains("not this session's");
        ConsoleClient.Response foreign = olga.change("POST", path, null, csrf, "https://evil.example");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().path("field").asText()).isEqualTo("Origin");
        ConsoleClient.Response noOrigin = olga.change("POST", path, null, csrf, null);
        assertThat(noOrigin.status()).isEqualTo(403);

        assertThat(state("acme", id)).isEqualTo("open");
        assertThat(log("acme").stream().filter(e -> e.path("path").asText().equals(path)))
                .hasSize(4).allSatisfy(e -> {
                    assertThat(e.path("principal").asText()).isEqualTo("olga");
                    assertThat(e.path("status").asInt()).isEqualTo(403);
                });
    }

    @Test
    void aViewerReadsButCannotAcknowledge() {
        String id = ticket("acme", "View" + UUID.randomUUID().toString().substring(0, 8));
        ConsoleClient vera = signedIn("acme", "vera", List.of());
        assertThat(vera.get("/api/v1/tickets/" + id).status()).isEqualTo(200);
        ConsoleClient.Response ack = vera.change("POST", "/api/v1/tickets/" + id + "/ack", null, "acme");
        assertThat(ack.status()).isEqualTo(403);
        assertThat(ack.json().path("scope").asText()).isEqualTo("Admin or Tickets");
        assertThat(state("acme", id)).isEqualTo("open");
        assertThat(log("acme")).anySatisfy(e -> {
            assertThat(e.path("principal").asText()).isEqualTo("vera");
            assertThat(e.path("path").asText()).isEqualTo("/api/v1/tickets/" + id + "/ack");
            assertThat(e.path("status").asInt()).isEqualTo(403);
        });
    }

    @Test
    void aViewerOpensARequestAnOperatorAnswersAndEachLineIsUnderItsPerson() {
        ConsoleClient vera = signedIn("acme", "vera", List.of());
        ConsoleClient.Response opened = vera.change("POST", "/api/v1/tickets", "{\"title\":\"VPN account for a new hire\","
                + "\"description\":\"Starts Monday.\",\"category\":\"service_request\",\"openedBy\":\"mallory\"}", "acme");
        assertThat(opened.status()).as("openedBy comes from the session, never the body").isEqualTo(400);
        assertThat(opened.json().path("field").asText()).isEqualTo("openedBy");
        opened = vera.change("POST", "/api/v1/tickets", "{\"title\":\"VPN account for a new hire\","
                + "\"description\":\"Starts Monday.\",\"category\":\"service_request\"}", "acme");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.json().path("id").asText();
        assertThat(opened.json().path("openedBy").asText()).isEqualTo("vera");
        assertThat(vera.change("POST", "/api/v1/tickets/" + id + "/ack", null, "acme").status()).isEqualTo(403);

        ConsoleClient olga = signedIn("acme", "olga", List.of("acme-ops"));
        assertThat(olga.change("POST", "/api/v1/tickets/" + id + "/assign", "{\"assignee\":\"olga\"}", "acme").status())
                .isEqualTo(200);
        assertThat(olga.change("POST", "/api/v1/tickets/" + id + "/comments", "{\"text\":\"Created; password by SMS.\"}",
                "acme").status()).isEqualTo(200);
        assertThat(vera.change("POST", "/api/v1/tickets/" + id + "/comments", "{\"text\":\"Thank you!\"}", "acme")
                .status()).isEqualTo(200);

        JsonNode t = api.get("/api/v1/tickets/" + id, ConsoleWorld.token("acme", "admin")).json();
        assertThat(t.path("comments")).extracting(c -> c.path("author").asText() + ": " + c.path("text").asText())
                .containsExactly("olga: Created; password by SMS.", "vera: Thank you!");
        assertThat(t.path("timeline")).extracting(e -> e.path("actor").asText() + " " + e.path("action").asText())
                .containsExactly("vera opened", "olga assigned", "olga commented", "vera commented");
        assertThat(log("acme")).anySatisfy(e -> {
            assertThat(e.path("principal").asText()).isEqualTo("vera");
            assertThat(e.path("authMethod").asText()).isEqualTo("oidc");
            assertThat(e.path("method").asText()).isEqualTo("POST");
            assertThat(e.path("path").asText()).isEqualTo("/api/v1/tickets");
            assertThat(e.path("status").asInt()).isEqualTo(201);
        });
    }

    @Test
    void theAssigneeListHoldsTheTenantsOwnersOperatorsAndWhoeverSignedInWithARole() {
        signedIn("acme", "olga", List.of("acme-ops"));
        ConsoleClient vera = signedIn("acme", "vera", List.of());
        ConsoleClient.Response r = vera.get("/api/v1/people");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("people")).extracting(p -> p.path("name").asText() + "=" + p.path("roles").toString())
                .contains("alice=[\"owner\"]", "olga=[\"operator\"]", "vera=[\"viewer\"]")
                .noneMatch(p -> p.startsWith("bob="));
        assertThat(r.json().path("people")).filteredOn(p -> p.path("name").asText().equals("olga")).singleElement()
                .satisfies(p -> assertThat(p.path("lastSignIn").asText()).isNotEmpty());
    }

    @Test
    void aSilenceIsCreatedUnderTheSessionsPersonWhateverTheBodySays() {
        ConsoleClient alice = signedIn("acme", "alice", List.of());
        java.time.Instant now = java.time.Instant.now();
        String matcher = "[{\"name\":\"alertname\",\"value\":\"Impersonation\",\"isRegex\":false}]";
        ConsoleClient.Response posted = alice.change("POST", "/api/v2/silences", "{\"matchers\":" + matcher + ",\"startsAt\":\""
                + now + "\",\"endsAt\":\"" + now.plusSeconds(3600) + "\",\"createdBy\":\"mallory\",\"comment\":\"test\"}", "acme");
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        String id = posted.json().path("silenceID").asText();
        assertThat(api.get("/api/v2/silence/" + id, ConsoleWorld.token("acme", "admin")).json().path("createdBy").asText())
                .isEqualTo("alice");
        ConsoleClient.Response without = alice.change("POST", "/api/v2/silences", "{\"matchers\":" + matcher
                + ",\"startsAt\":\"" + now + "\",\"endsAt\":\"" + now.plusSeconds(3600) + "\",\"comment\":\"no createdBy\"}", "acme");
        assertThat(without.status()).as("with a session createdBy may be left out").isEqualTo(200);
        // A token still names its own creator.
        Http.Response token = api.post("/api/v2/silences", ConsoleWorld.token("acme", "admin"), "{\"matchers\":" + matcher
                + ",\"startsAt\":\"" + now + "\",\"endsAt\":\"" + now.plusSeconds(3600) + "\",\"comment\":\"x\"}");
        assertThat(token.json().path("field").asText()).isEqualTo("createdBy");
    }

    @Test
    void anOperatorStartsAManualJobUnderTheirNameAndAViewerCannot() {
        ConsoleClient olga = signedIn("acme", "olga", List.of("acme-ops"));
        ConsoleClient.Response started = olga.change("POST", "/api/v1/jobs/restart-web/runs",
                "{\"reason\":\"stuck workers after deploy\"}", "acme");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().path("requestedBy").asText()).isEqualTo("olga");
        ConsoleClient.Response notManual = olga.change("POST", "/api/v1/jobs/wipe-cache/runs", "{\"reason\":\"x\"}", "acme");
        assertThat(notManual.status()).isEqualTo(409);
        assertThat(notManual.json().path("reason").asText()).isEqualTo("NotManual");
        ConsoleClient vera = signedIn("acme", "vera", List.of());
        assertThat(vera.change("POST", "/api/v1/jobs/restart-web/runs", "{\"reason\":\"x\"}", "acme").status())
                .isEqualTo(403);
        String name = started.json().path("name").asText();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                api.get("/api/v1/jobruns?opsjob=restart-web", ConsoleWorld.token("acme", "admin")).json())
                .anySatisfy(r -> {
                    assertThat(r.path("name").asText()).isEqualTo(name);
                    assertThat(r.path("phase").asText()).isEqualTo("Succeeded");
                    assertThat(r.path("requestedBy").asText()).isEqualTo("olga");
                    assertThat(r.path("steps").get(0).path("logTail").asText())
                            .contains("web restarted for olga: stuck workers after deploy");
                }));
        assertThat(log("acme")).anySatisfy(e -> {
            assertThat(e.path("principal").asText()).isEqualTo("olga");
            assertThat(e.path("path").asText()).isEqualTo("/api/v1/jobs/restart-web/runs");
            assertThat(e.path("status").asInt()).isEqualTo(202);
        });
    }

    @Test
    void aForgedSessionIsRefusedWithJsonAndAPageAndLogged() {
        ConsoleClient forger = new ConsoleClient(world.base);
        forger.cookies.put("opsgate_session", "acme.forged-" + UUID.randomUUID());
        ConsoleClient.Response r = forger.get("/api/v1/tickets");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("error").asText()).contains("session is not valid");
        assertThat(r.json().path("field").asText()).isEqualTo("cookie");
        ConsoleClient.Response page = forger.get("/console/acme/");
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.location()).isEqualTo("/console/acme/login?reason=invalid");
        assertThat(forger.get(page.location()).body()).contains("Your session is not valid any more");
        assertThat(log("acme")).anySatisfy(e -> {
            assertThat(e.path("principal").asText()).isEqualTo("anonymous");
            assertThat(e.path("path").asText()).isEqualTo("/api/v1/tickets");
            assertThat(e.path("status").asInt()).isEqualTo(401);
        });
    }

    @Test
    void anExpiredSessionIsRefusedAndTheLogNamesThePerson() throws InterruptedException {
        ConsoleClient carol = signedIn("acme", "carol", List.of("acme-ops"));
        assertThat(carol.get("/api/v1/tickets").status()).isEqualTo(200);
        Thread.sleep(IDLE.toMillis() + 500);
        ConsoleClient.Response r = carol.get("/api/v1/tickets");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("error").asText()).contains("expired");
        assertThat(carol.get("/console/acme/").location()).isEqualTo("/console/acme/login?reason=expired");
        assertThat(log("acme")).anySatisfy(e -> {
            assertThat(e.path("principal").asText()).isEqualTo("carol");
            assertThat(e.path("path").asText()).isEqualTo("/api/v1/tickets");
            assertThat(e.path("status").asInt()).isEqualTo(401);
        });
    }

    @Test
    void aStateMismatchIsRefusedWithAPageAndALogLineAndNoSession() {
        ConsoleClient c = new ConsoleClient(world.base);
        // No identity is queued at the provider: it is used at the code exchange, which a refusal never reaches.
        URI callback = c.provider(c.startSignIn("acme"));
        String tampered = callback.getRawQuery().replaceAll("state=[^&]+", "state=not-the-state");
        ConsoleClient.Response r = c.get(callback.getRawPath() + "?" + tampered);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("data-reason=\"StateMismatch\"", "Sign in again");
        assertThat(c.cookies).doesNotContainKey("opsgate_session");

        // The right state carried into another browser (without the binding cookie) is refused too.
        ConsoleClient other = new ConsoleClient(world.base);
        ConsoleClient.Response stolen = other.get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(stolen.status()).isEqualTo(400);
        assertThat(stolen.body()).contains("started in another browser");
        assertThat(other.cookies).doesNotContainKey("opsgate_session");
        assertThat(log("acme").stream().filter(e -> e.path("action").asText().equals("sign-in-refused")
                && e.path("detail").asText().startsWith("StateMismatch"))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aNonceMismatchIsRefused() {
        ConsoleClient c = new ConsoleClient(world.base);
        URI authorize = c.startSignIn("acme");
        // The provider answers with an ID token for another sign-in's nonce (a replayed token).
        world.idp.enqueueCallback(new no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback(ConsoleWorld.ISSUER_ID,
                "alice", com.nimbusds.jose.JOSEObjectType.JWT.getType(), List.of(ConsoleWorld.CLIENT_ID),
                java.util.Map.of("preferred_username", "alice", "nonce", "another-sign-in"), 3600));
        URI callback = c.provider(authorize);
        ConsoleClient.Response r = c.get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.body()).contains("data-reason=\"NonceMismatch\"");
        assertThat(c.cookies).doesNotContainKey("opsgate_session");
        assertThat(log("acme")).anySatisfy(e -> assertThat(e.path("detail").asText()).startsWith("NonceMismatch"));
    }

    @Test
    void aPersonInNoRoleOfTheTenantIsRefused() {
        ConsoleClient c = new ConsoleClient(world.base);
        world.nextSignIn("nobody", List.of("other-team"));
        ConsoleClient.Response r = c.signIn("acme");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("data-reason=\"NoRole\"", "nobody has no role in tenant acme");
        assertThat(c.cookies).doesNotContainKey("opsgate_session");
        assertThat(log("acme")).anySatisfy(e -> {
            assertThat(e.path("principal").asText()).isEqualTo("nobody");
            assertThat(e.path("action").asText()).isEqualTo("sign-in-refused");
            assertThat(e.path("status").asInt()).isEqualTo(403);
        });
    }

    @Test
    void aPersonOfOneTenantNeverSeesAnothersData() {
        String acmeTicket = ticket("acme", "AcmeOnly" + UUID.randomUUID().toString().substring(0, 8));
        ticket("globex", "GlobexOnly" + UUID.randomUUID().toString().substring(0, 8));
        ConsoleClient bob = signedIn("globex", "bob", List.of());

        String tickets = bob.get("/api/v1/tickets?limit=500").body();
        assertThat(tickets).contains("GlobexOnly").doesNotContain("AcmeOnly");
        assertThat(bob.get("/api/v2/alerts").body()).contains("GlobexOnly").doesNotContain("AcmeOnly");
        // Ticket ids are per tenant: the same number in globex is not acme's ticket.
        ConsoleClient.Response byId = bob.get("/api/v1/tickets/" + acmeTicket);
        assertThat(byId.body()).doesNotContain("AcmeOnly");
        ConsoleClient.Response page = bob.get("/console/acme/");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("data-reason=\"OtherTenant\"");
        assertThat(bob.get("/console/acme/session").status()).isEqualTo(401);
    }

    @Test
    void signOutEndsTheSessionOnTheServer() {
        ConsoleClient alice = signedIn("acme", "alice", List.of());
        String stolen = alice.cookies.get("opsgate_session");
        assertThat(alice.change("POST", "/console/acme/logout", null, "acme").status()).isEqualTo(204);
        ConsoleClient thief = new ConsoleClient(world.base);
        thief.cookies.put("opsgate_session", stolen);
        assertThat(thief.get("/api/v1/tickets").status()).isEqualTo(401);
        assertThat(log("acme")).anySatisfy(e -> {
            assertThat(e.path("principal").asText()).isEqualTo("alice");
            assertThat(e.path("action").asText()).isEqualTo("sign-out");
        });
    }

    @Test
    void theTenantsAllowListAppliesToTheConsole() {
        ConsoleClient c = new ConsoleClient(world.base);
        ConsoleClient.Response r = c.get("/console/walled/login");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("data-reason=\"SourceNotAllowed\"", "spec.access.apiAllowedCidrs");
        assertThat(log("walled")).anySatisfy(e -> {
            assertThat(e.path("path").asText()).isEqualTo("/console/walled/login");
            assertThat(e.path("status").asInt()).isEqualTo(403);
        });
    }

    @Test
    void pagesAndFilesCarryAStrictContentSecurityPolicyAndCacheHeaders() {
        ConsoleClient c = new ConsoleClient(world.base);
        ConsoleClient.Response login = c.get("/console/acme/login");
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(login.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(login.body()).doesNotContain("<script", "style=");

        ConsoleClient.Response js = c.get("/console/assets/app.js");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(js.headers().firstValue("Cache-Control")).contains("no-cache");
        String etag = js.headers().firstValue("ETag").orElseThrow();
        java.net.http.HttpRequest conditional = java.net.http.HttpRequest.newBuilder(URI.create(world.base + "/console/assets/app.js"))
                .header("If-None-Match", etag).build();
        try {
            assertThat(java.net.http.HttpClient.newHttpClient().send(conditional,
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(304);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(c.get("/console/assets/..%2Fapplication.yaml").status()).isEqualTo(404);
        assertThat(c.get("/console/assets/nothing.js").status()).isEqualTo(404);
    }
}
