package io.opsgate.engine.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.support.ConfigDir;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.HttpSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tickets as ITSM records over the real API: every ticket has a category (a rule's, incident by default), a person
 * (here a Read-only token, as a viewer would) opens a request by hand, the tenant's request channel is told of it,
 * the conversation is its comments, it is stored durably and filterable by category; bad input names the field
 * and stores nothing.
 */
class TicketRequestsIT {
    static final String ADMIN = "requests-admin-token-00000000000000000000";
    static final String READER = "requests-reader-token-0000000000000000000";

    @TempDir
    Path dir;
    HttpSink desk;
    ConfigDir config;
    EngineServer server;
    Http http;

    @BeforeEach
    void start() throws Exception {
        desk = new HttpSink(Clock.systemUTC());
        config = new ConfigDir(dir).yaml("acme.yaml", """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  apiTokens:
                    - {name: admin, scopes: [Ingest, Read, Admin]}
                    - {name: reader, scopes: [Read]}
                  console: {requestChannel: desk}
                  egress: [{cidr: 127.0.0.1/32}]
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: desk, namespace: opsgate-acme}
                spec:
                  type: Webhook
                  webhook: {url: "%s"}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: recurring, namespace: opsgate-acme}
                spec:
                  order: 10
                  matchers: ['alertname="DiskKeepsFilling"']
                  actions:
                    ticket: {priority: P3, category: problem}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: page, namespace: opsgate-acme}
                spec:
                  order: 20
                  matchers: ['severity="critical"']
                  actions:
                    ticket: {priority: P1}
                """.formatted(desk.url("/desk"))).token("acme", "admin", ADMIN).token("acme", "reader", READER);
        server = new EngineServer(config.standalone("--tick=50"), Clock.systemUTC()).start();
        http = new Http("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        desk.close();
    }

    private JsonNode tickets(String query) {
        return http.get("/api/v1/tickets" + query, ADMIN).json().path("tickets");
    }

    @Test
    void rulesGiveTheirCategoryAndIncidentIsTheDefault() {
        assertThat(http.post("/api/v2/alerts", ADMIN, "[{\"labels\":{\"alertname\":\"DiskKeepsFilling\"}},"
                + "{\"labels\":{\"alertname\":\"Down\",\"severity\":\"critical\"}}]").status()).isEqualTo(200);
        assertThat(tickets("")).extracting(t -> t.path("title").asText() + "/" + t.path("category").asText()
                        + "/" + t.path("source").asText())
                .containsExactlyInAnyOrder("DiskKeepsFilling/problem/rule", "Down/incident/rule");
        assertThat(tickets("?category=problem")).singleElement()
                .satisfies(t -> assertThat(t.path("title").asText()).isEqualTo("DiskKeepsFilling"));
        Http.Response bad = http.get("/api/v1/tickets?category=outage", ADMIN);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asText()).isEqualTo("category");
    }

    @Test
    void aReaderOpensARequestTheDeskIsToldAndTheAnswerIsAComment() throws Exception {
        Http.Response opened = http.post("/api/v1/tickets", READER, """
                {"title": "Please add a read replica", "description": "Reports are slow\\nfrom 9:00.",
                 "category": "service_request", "priority": "P4"}""");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        JsonNode t = opened.json();
        String id = t.path("id").asText();
        assertThat(t.path("category").asText()).isEqualTo("service_request");
        assertThat(t.path("source").asText()).isEqualTo("person");
        assertThat(t.path("openedBy").asText()).isEqualTo("reader");
        assertThat(t.path("priority").asText()).isEqualTo("P4");
        assertThat(t.path("state").asText()).isEqualTo("open");
        assertThat(t.path("description").asText()).isEqualTo("Reports are slow\nfrom 9:00.");
        assertThat(t.path("alerts").size()).isZero();
        assertThat(t.path("timeline").get(0).path("actor").asText()).isEqualTo("reader");
        assertThat(t.path("timeline").get(0).path("action").asText()).isEqualTo("opened");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(desk.processed()).anySatisfy(r -> {
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(body).contains("Please add a read replica").contains("service_request").contains("\"reader\"");
            assertThat(r.json().path("type").asText()).isEqualTo("request");
            assertThat(r.json().path("ticket").path("id").asText()).isEqualTo(id);
        }));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get("/api/v1/tickets/" + id, ADMIN)
                .json().path("deliveries")).anySatisfy(d -> assertThat(d.toString()).contains("desk")));

        assertThat(http.post("/api/v1/tickets/" + id + "/comments", ADMIN, "{\"text\":\"Done tonight at 22:00.\"}")
                .status()).isEqualTo(200);
        assertThat(http.post("/api/v1/tickets/" + id + "/comments", READER, "{\"text\":\"Thanks, 22:00 is fine.\"}")
                .status()).as("the requester answers in their own request's conversation").isEqualTo(200);
        assertThat(http.post("/api/v1/tickets/" + id + "/ack", READER, "").status()).isEqualTo(403);
        assertThat(http.post("/api/v2/alerts", ADMIN, "[{\"labels\":{\"alertname\":\"Down\",\"severity\":\"critical\"}}]")
                .status()).isEqualTo(200);
        String ruleTicket = tickets("?category=incident").get(0).path("id").asText();
        Http.Response foreign = http.post("/api/v1/tickets/" + ruleTicket + "/comments", READER, "{\"text\":\"me too\"}");
        assertThat(foreign.status()).as("with Read only, no comment on a ticket that is not one's own request").isEqualTo(403);
        assertThat(foreign.json().path("scope").asText()).isEqualTo("Admin or Tickets");
        assertThat(http.get("/api/v1/tickets/" + ruleTicket, ADMIN).json().path("comments")).isEmpty();

        // Durable like every ticket: a restart keeps the request, its category and the conversation.
        server.close();
        server = new EngineServer(config.standalone("--tick=50"), Clock.systemUTC()).start();
        http = new Http("http://127.0.0.1:" + server.port());
        JsonNode again = http.get("/api/v1/tickets/" + id, ADMIN).json();
        assertThat(again.path("category").asText()).isEqualTo("service_request");
        assertThat(again.path("openedBy").asText()).isEqualTo("reader");
        assertThat(again.path("comments")).extracting(c -> c.path("author").asText() + ": " + c.path("text").asText())
                .containsExactly("admin: Done tonight at 22:00.", "reader: Thanks, 22:00 is fine.");
        assertThat(tickets("?category=service_request")).extracting(x -> x.path("id").asText()).containsExactly(id);
        assertThat(tickets("?category=incident")).extracting(x -> x.path("id").asText()).containsExactly(ruleTicket);
    }

    @Test
    void badInputNamesTheFieldAndStoresNothing() {
        List<String[]> cases = List.of(
                new String[]{"{\"description\":\"x\",\"category\":\"incident\"}", "title"},
                new String[]{"{\"title\":\"  \",\"category\":\"incident\"}", "title"},
                new String[]{"{\"title\":\"" + "x".repeat(201) + "\",\"category\":\"incident\"}", "title"},
                new String[]{"{\"title\":\"two\\nlines\",\"category\":\"incident\"}", "title"},
                new String[]{"{\"title\":\"t\"}", "category"},
                new String[]{"{\"title\":\"t\",\"category\":\"outage\"}", "category"},
                new String[]{"{\"title\":\"t\",\"category\":\"change\",\"priority\":\"P9\"}", "priority"},
                new String[]{"{\"title\":\"t\",\"category\":\"change\",\"description\":\"" + "d".repeat(10_001) + "\"}",
                        "description"},
                new String[]{"{\"title\":\"t\",\"category\":\"change\",\"assignee\":\"me\"}", "assignee"},
                new String[]{"{\"title\":7,\"category\":\"change\"}", "title"});
        for (String[] c : cases) {
            Http.Response r = http.post("/api/v1/tickets", READER, c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.json().path("field").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(http.post("/api/v1/tickets", READER, "[]").status()).isEqualTo(400);
        assertThat(tickets("")).isEmpty();
        assertThat(desk.requests()).isEmpty();
        assertThat(http.post("/api/v1/tickets", null, "{\"title\":\"t\",\"category\":\"change\"}").status()).isEqualTo(401);
        assertThat(tickets("")).isEmpty();
    }
}
