package io.opsgate.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.alerting.Fingerprints;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.Metrics;
import io.opsgate.engine.support.Rules;
import io.opsgate.engine.support.Standalone;
import io.opsgate.engine.support.TestTenants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The engine over real HTTP on a free port, with three tenants from a configuration directory. */
class ApiComponentIT {
    @TempDir
    static Path root;
    static TestTenants tenants;
    static EngineServer server;
    static Http http;
    static String ingest;
    static String reader;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        tenants = new TestTenants(root);
        server = new EngineServer(Standalone.options(tenants.configDir, tenants.secretsDir, root.resolve("data"),
                "--tick=50", "--config-poll=200"), Clock.systemUTC()).start();
        http = new Http("http://127.0.0.1:" + server.port());
        ingest = tenants.token("acme/ingest");
        reader = tenants.token("acme/reader");
        admin = tenants.token("acme/admin");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String alert(String name, String instance, String severity) {
        return "{\"labels\":{\"alertname\":\"" + name + "\",\"instance\":\"" + instance + "\",\"severity\":\"" + severity
                + "\"},\"annotations\":{\"summary\":\"" + name + " on " + instance + "\"},\"generatorURL\":\"http://prom/x\"}";
    }

    static JsonNode alerts(String filter) {
        Http.Response r = http.get("/api/v2/alerts" + (filter == null ? "" : "?filter=" + enc(filter)), reader);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static JsonNode only(JsonNode array) {
        assertThat(array.size()).as("%s", array).isEqualTo(1);
        return array.get(0);
    }

    @Test
    void postedAlertsAreShownAsAlertmanagerShowsThem() {
        assertThat(http.post("/api/v2/alerts", ingest, "[" + alert("Shown", "web-1", "critical") + "]").status())
                .isEqualTo(200);
        JsonNode a = only(alerts("alertname=\"Shown\""));
        assertThat(a.path("fingerprint").asText())
                .isEqualTo(Fingerprints.hex(Rules.labels("alertname", "Shown", "instance", "web-1", "severity", "critical")));
        assertThat(a.path("status").path("state").asText()).isEqualTo("active");
        assertThat(a.path("receivers").get(0).path("name").asText()).isEqualTo("ops");
        assertThat(a.path("annotations").path("summary").asText()).isEqualTo("Shown on web-1");
        assertThat(a.path("generatorURL").asText()).isEqualTo("http://prom/x");
        for (String field : List.of("startsAt", "endsAt", "updatedAt")) {
            assertThat(Instant.parse(a.path(field).asText())).isNotNull();
        }
    }

    @Test
    void aRepeatIsDeduplicated() {
        String body = "[" + alert("Repeated", "web-1", "critical") + "]";
        http.post("/api/v2/alerts", ingest, body);
        http.post("/api/v2/alerts", ingest, body);
        JsonNode a = only(alerts("alertname=\"Repeated\""));
        assertThat(a.path("opsgate").path("count").asInt()).isEqualTo(2);
        JsonNode tickets = http.get("/api/v1/tickets?filter=" + enc("alertname=\"Repeated\""), reader).json().path("tickets");
        assertThat(only(tickets).path("eventCount").asInt()).isEqualTo(2);
    }

    @Test
    void aDropRuleMakesNoTicketAndIsCounted() {
        http.post("/api/v2/alerts", ingest, "[" + alert("Chatter", "web-1", "info") + "]");
        JsonNode a = only(alerts("alertname=\"Chatter\""));
        assertThat(a.path("opsgate").path("dropped").asBoolean()).isTrue();
        assertThat(a.path("opsgate").has("ticketId")).isFalse();
        assertThat(http.get("/api/v1/tickets?filter=" + enc("alertname=\"Chatter\""), reader).json().path("tickets"))
                .isEmpty();
        assertThat(Metrics.of(server))
                .containsPattern("opsgate_alerts_dropped_total\\{rule=\"drop-info\",tenant=\"acme\"} [1-9]");
    }

    @Test
    void aSilenceThroughTheApiSilencesAndExpires() {
        http.post("/api/v2/alerts", ingest, "[" + alert("Maint", "db-1", "critical") + "]");
        Instant now = Instant.now();
        Http.Response created = http.post("/api/v2/silences", admin, "{\"matchers\":[{\"name\":\"alertname\",\"value\":"
                + "\"Maint\",\"isRegex\":false,\"isEqual\":true}],\"startsAt\":\"" + now + "\",\"endsAt\":\""
                + now.plus(Duration.ofHours(1)) + "\",\"createdBy\":\"test\",\"comment\":\"patching\"}");
        assertThat(created.status()).isEqualTo(200);
        String id = created.json().path("silenceID").asText();
        JsonNode a = only(alerts("alertname=\"Maint\""));
        assertThat(a.path("status").path("state").asText()).isEqualTo("suppressed");
        assertThat(a.path("status").path("silencedBy").get(0).asText()).isEqualTo(id);
        assertThat(http.get("/api/v2/alerts?silenced=false&filter=" + enc("alertname=\"Maint\""), reader).json()).isEmpty();
        assertThat(http.get("/api/v2/silence/" + id, reader).json().path("status").path("state").asText()).isEqualTo("active");
        assertThat(http.delete("/api/v2/silence/" + id, admin).status()).isEqualTo(200);
        assertThat(http.get("/api/v2/silence/" + id, reader).json().path("status").path("state").asText()).isEqualTo("expired");
        assertThat(only(alerts("alertname=\"Maint\"")).path("status").path("state").asText()).isEqualTo("active");
    }

    @Test
    void aResolvedAlertResolvesItsTicket() {
        http.post("/api/v2/alerts", ingest, "[" + alert("Cleared", "web-2", "critical") + "]");
        JsonNode ticket = only(http.get("/api/v1/tickets?filter=" + enc("alertname=\"Cleared\""), reader).json().path("tickets"));
        assertThat(ticket.path("state").asText()).isEqualTo("open");
        String past = Instant.now().minusSeconds(1).toString();
        String resolved = alert("Cleared", "web-2", "critical").replace("\"generatorURL\"", "\"endsAt\":\"" + past
                + "\",\"generatorURL\"");
        assertThat(http.post("/api/v2/alerts", ingest, "[" + resolved + "]").status()).isEqualTo(200);
        JsonNode after = http.get("/api/v1/tickets/" + ticket.path("id").asText(), reader).json();
        assertThat(after.path("state").asText()).isEqualTo("resolved");
        assertThat(after.path("timeline").get(1).path("actor").asText()).isEqualTo("opsgate");
        assertThat(alerts("alertname=\"Cleared\"")).isEmpty();
    }

    @Test
    void ticketsAreAcknowledgedAssignedCommentedAndRefuseIllegalMoves() {
        http.post("/api/v2/alerts", ingest, "[" + alert("Handled", "web-3", "warning") + "]");
        String id = only(http.get("/api/v1/tickets?state=open&filter=" + enc("alertname=\"Handled\""), reader).json()
                .path("tickets")).path("id").asText();
        assertThat(http.post("/api/v1/tickets/" + id + "/ack", reader, "").status()).isEqualTo(403);
        assertThat(http.post("/api/v1/tickets/" + id + "/ack", admin, "").status()).isEqualTo(200);
        Http.Response again = http.post("/api/v1/tickets/" + id + "/ack", admin, "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("error").asText()).contains("acknowledged cannot become acknowledged");
        assertThat(http.post("/api/v1/tickets/" + id + "/assign", admin, "{\"assignee\":\"alice\"}").status()).isEqualTo(200);
        assertThat(http.post("/api/v1/tickets/" + id + "/comments", admin, "{\"text\":\"on it\"}").status()).isEqualTo(200);
        assertThat(http.post("/api/v1/tickets/" + id + "/comments", admin, "{}").json().path("field").asText())
                .isEqualTo("text");
        JsonNode t = http.get("/api/v1/tickets/" + id, reader).json();
        assertThat(t.path("assignee").asText()).isEqualTo("alice");
        assertThat(t.path("comments").get(0).path("author").asText()).isEqualTo("admin");
        assertThat(t.path("timeline").findValuesAsText("action")).containsExactly("opened", "acknowledged", "assigned",
                "commented");
        assertThat(http.get("/api/v1/tickets/999999", reader).status()).isEqualTo(404);
    }

    @Test
    void ticketsArePagedWithACursor() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 5; i++) {
            body.append(i == 0 ? "" : ",").append(alert("Paged" + i, "web-9", "critical"));
        }
        http.post("/api/v2/alerts", ingest, body.append("]").toString());
        List<String> seen = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 10; page++) {
            JsonNode r = http.get("/api/v1/tickets?limit=2&severity=critical&filter=" + enc("instance=\"web-9\"")
                    + (cursor.isEmpty() ? "" : "&cursor=" + cursor), reader).json();
            r.path("tickets").forEach(t -> seen.add(t.path("id").asText()));
            if (r.path("nextCursor").isNull()) {
                break;
            }
            cursor = r.path("nextCursor").asText();
        }
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void webhookAndEventPayloadsBecomeAlerts() {
        String webhook = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":"
                + "{\"alertname\":\"Forwarded\",\"severity\":\"critical\"},\"annotations\":{},\"startsAt\":\""
                + Instant.now() + "\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"fingerprint\":\"x\"}]}";
        assertThat(http.post("/api/v1/webhooks/alertmanager", ingest, webhook).status()).isEqualTo(200);
        assertThat(only(alerts("alertname=\"Forwarded\"")).path("status").path("state").asText()).isEqualTo("active");

        String trigger = "{\"source\":\"zabbix\",\"severity\":\"critical\",\"summary\":\"CPU hot\",\"host\":\"srv-1\","
                + "\"dedupKey\":\"zbx-42\",\"action\":\"trigger\"}";
        assertThat(http.post("/api/v1/events", ingest, trigger).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/events", ingest, trigger.replace("CPU hot", "CPU very hot")).status()).isEqualTo(200);
        JsonNode ev = only(alerts("source=\"zabbix\""));
        assertThat(ev.path("fingerprint").asText()).isEqualTo(Fingerprints.hex(java.util.Map.of("__dedup_key__", "zbx-42")));
        assertThat(ev.path("opsgate").path("count").asInt()).isEqualTo(2);
        assertThat(ev.path("labels").path("instance").asText()).isEqualTo("srv-1");
        assertThat(http.post("/api/v1/events", ingest, "{\"dedupKey\":\"zbx-42\",\"summary\":\"CPU very hot\","
                + "\"severity\":\"critical\",\"source\":\"zabbix\",\"host\":\"srv-1\",\"action\":\"resolve\"}").status())
                .isEqualTo(200);
        assertThat(alerts("source=\"zabbix\"")).isEmpty();
        Http.Response bad = http.post("/api/v1/events", ingest, "{\"summary\":\"x\",\"action\":\"explode\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asText()).isEqualTo("action");
    }

    @Test
    void badInputGetsTheRightStatusAndLosesNothingAcceptedBefore() {
        http.post("/api/v2/alerts", ingest, "[" + alert("Kept", "k-1", "critical") + "," + alert("Kept", "k-2", "warning") + "]");
        assertThat(alerts("alertname=\"Kept\"")).hasSize(2);

        Http.Response malformed = http.post("/api/v2/alerts", ingest, "[{\"labels\":{\"alertname\":\"X\"}\n,}]");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("line").asInt()).isEqualTo(2);
        assertThat(malformed.json().path("error").asText()).contains("line 2, column");

        Http.Response wrongType = http.post("/api/v2/alerts", ingest, "[{\"labels\":{\"alertname\":1}}]");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("field").asText()).isEqualTo("[0].labels.alertname");

        Http.Response tooBig = http.post("/api/v2/alerts", ingest, "[" + "x".repeat(5000) + "]");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().path("limit").asText()).isEqualTo("maxBodyBytes");

        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("{\"labels\":{\"a\":\"" + i + "\"}}");
        }
        Http.Response tooMany = http.post("/api/v2/alerts", ingest, many.append("]").toString());
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("limit").asText()).isEqualTo("maxAlertsPerRequest");

        Http.Response longLabel = http.post("/api/v2/alerts", ingest, "[{\"labels\":{\"a\":\"" + "v".repeat(65) + "\"}}]");
        assertThat(longLabel.status()).isEqualTo(400);
        assertThat(longLabel.json().path("limit").asText()).isEqualTo("maxLabelLength");

        Http.Response manyLabels = http.post("/api/v2/alerts", ingest,
                "[{\"labels\":{\"a\":\"1\",\"b\":\"1\",\"c\":\"1\",\"d\":\"1\",\"e\":\"1\",\"f\":\"1\",\"g\":\"1\",\"h\":\"1\",\"i\":\"1\"}}]");
        assertThat(manyLabels.status()).isEqualTo(400);
        assertThat(manyLabels.json().path("limit").asText()).isEqualTo("maxLabelsPerAlert");

        // A valid alert before an invalid one in the same request: the whole request is refused.
        Http.Response partlyBad = http.post("/api/v2/alerts", ingest, "[" + alert("Never", "n-1", "critical")
                + ",{\"labels\":{}}]");
        assertThat(partlyBad.status()).isEqualTo(400);
        assertThat(alerts("alertname=\"Never\"")).isEmpty();

        Http.Response noToken = http.post("/api/v2/alerts", null, "[]");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.json().path("error").asText()).contains("bearer token");
        assertThat(http.post("/api/v2/alerts", "wrong-token", "[]").status()).isEqualTo(401);
        assertThat(http.get("/api/v2/alerts", ingest).status()).isEqualTo(403);
        assertThat(http.post("/api/v2/alerts", reader, "[]").status()).isEqualTo(403);

        // Another tenant's token reaches only that tenant.
        String globex = tenants.token("globex/admin");
        assertThat(http.post("/api/v2/alerts", globex, "[" + alert("GlobexOnly", "g-1", "critical") + "]").status())
                .isEqualTo(200);
        assertThat(http.get("/api/v2/alerts?filter=" + enc("alertname=\"Kept\""), globex).json()).isEmpty();
        assertThat(alerts("alertname=\"GlobexOnly\"")).isEmpty();

        Http.Response walled = http.post("/api/v2/alerts", tenants.token("walled/ingest"), "[" + alert("W", "w", "critical") + "]");
        assertThat(walled.status()).isEqualTo(403);
        assertThat(walled.json().path("field").asText()).isEqualTo("spec.ingest.allowedCidrs");

        assertThat(alerts("alertname=\"Kept\"")).hasSize(2);
        assertThat(http.get("/api/v2/alerts?filter=" + enc("alertname=\"Kept\""), admin).json())
                .allSatisfy(a -> assertThat(a.path("opsgate").path("count").asInt()).isEqualTo(1));
    }

    @Test
    void theRateLimitAnswers429WithRetryAfter() {
        String globex = tenants.token("throttled/ingest");
        String three = "[{\"labels\":{\"alertname\":\"R1\"}},{\"labels\":{\"alertname\":\"R2\"}},{\"labels\":{\"alertname\":\"R3\"}}]";
        Http.Response first = http.post("/api/v2/alerts", globex, three);
        Http.Response second = http.post("/api/v2/alerts", globex, three);
        assertThat(List.of(first.status(), second.status())).contains(429);
        Http.Response limited = first.status() == 429 ? first : second;
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.json().path("limit").asText()).isEqualTo("rateLimit.perSecond");
    }

    @Test
    void statusReceiversAndHealth() {
        JsonNode status = http.get("/api/v2/status", reader).json();
        assertThat(status.path("cluster").path("status").asText()).isEqualTo("disabled");
        assertThat(status.path("config").path("original").asText()).contains("drop-info").doesNotContain("sha256");
        assertThat(status.path("versionInfo").path("version").asText()).startsWith("opsgate");
        assertThat(http.get("/api/v2/receivers", reader).json().findValuesAsText("name")).containsExactly("ops");
        assertThat(http.get("/healthz", null).status()).isEqualTo(200);
        assertThat(http.get("/readyz", null).status()).isEqualTo(200);
        assertThat(http.get("/nope", reader).status()).isEqualTo(404);
    }

    @Test
    void reloadsWhileAlertsArriveLoseNone() throws Exception {
        Path file = tenants.configDir.resolve("acme.yaml");
        String original = Files.readString(file);
        java.util.Set<String> accepted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread sender = new Thread(() -> {
            for (int i = 0; i < 400 && !stop.get(); i++) {
                if (http.post("/api/v2/alerts", ingest, "[{\"labels\":{\"alertname\":\"DuringReload\",\"n\":\"" + i
                        + "\"}}]").status() == 200) {
                    accepted.add(Integer.toString(i));
                }
            }
        });
        sender.start();
        try {
            for (int round = 0; round < 4; round++) {
                Files.writeString(file, original + "---\napiVersion: opsgate.io/v1alpha1\nkind: AlertRule\nmetadata: "
                        + "{name: extra-" + round + ", namespace: opsgate-acme}\nspec: {order: 5, matchers: ['x=\"" + round
                        + "\"'], actions: {drop: true}}\n");
                Thread.sleep(400);
            }
        } finally {
            Files.writeString(file, original);
            sender.join(60_000);
            stop.set(true);
        }
        assertThat(Metrics.of(server))
                .containsPattern("opsgate_config_reloads_total\\{result=\"success\",tenant=\"acme\"} [3-9]");
        JsonNode held = alerts("alertname=\"DuringReload\"");
        java.util.Set<String> seen = new java.util.HashSet<>(held.findValuesAsText("n"));
        assertThat(seen).containsAll(accepted);
        assertThat(accepted).isNotEmpty();
    }

    @Test
    void aBadFileIsReportedAndTheLastGoodConfigurationStays() throws Exception {
        Path bad = tenants.configDir.resolve("zz-bad.yaml");
        Files.writeString(bad, "apiVersion: opsgate.io/v1alpha1\nkind: AlertRule\nmetadata: {name: broken, namespace: "
                + "opsgate-acme}\nspec: {matchers: ['a=~\"(\"'], actions: {drop: true}}\n");
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    http.get("/api/v2/status", reader).json().path("opsgate").path("configProblems").toString())
                    .contains("broken"));
            assertThat(Metrics.of(server))
                    .containsPattern("opsgate_config_reloads_total\\{result=\"error\",tenant=\"acme\"} [1-9]");
            http.post("/api/v2/alerts", ingest, "[" + alert("StillRouted", "s-1", "info") + "]");
            assertThat(only(alerts("alertname=\"StillRouted\"")).path("opsgate").path("rule").asText()).isEqualTo("drop-info");
        } finally {
            Files.delete(bad);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                http.get("/api/v2/status", reader).json().path("opsgate").path("configProblems")).isEmpty());
    }
}
