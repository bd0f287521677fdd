package io.opsgate.engine.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.support.ConfigDir;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.HttpSink;
import io.opsgate.engine.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OperationsSuspensions (対応停止) take effect in standalone, on a clock the test moves: during the window an alert
 * that triggers a job opens its ticket and notifies, but the job does not run and the call-out is not placed
 * (both recorded on the ticket with the suspension's name and reason); the window's start and end are events on
 * the ticket; after it the next alert runs the job. A scheduled job inside a window requested through the API does
 * not run while another one does.
 */
class SuspensionsIT {
    static final String ADMIN = "suspension-admin-token-00000000000000000";
    static final String OPERATOR = "suspension-operator-token-0000000000000";
    static final String VIEWER = "suspension-viewer-token-00000000000000000";
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static final String TENANT = """
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: acme}
            spec:
              egress: [{cidr: 127.0.0.1/32}]
              apiTokens:
                - {name: admin, scopes: [Ingest, Read, Admin]}
                - {name: operator, scopes: [Read, Tickets]}
                - {name: viewer, scopes: [Read]}
            ---
            """;

    private EngineServer start(MutableClock clock, String objects) throws Exception {
        ConfigDir config = new ConfigDir(dir).yaml("acme.yaml", TENANT + objects).token("acme", "admin", ADMIN)
                .token("acme", "operator", OPERATOR).token("acme", "viewer", VIEWER);
        return new EngineServer(config.standalone("--tick=50", "--allow-local-jobs"), clock).start();
    }

    @Test
    void duringTheWindowTheTicketOpensAndNotifiesButNoJobRunsAndNobodyIsCalled() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-14T13:30:00Z"));
        try (HttpSink sink = new HttpSink(clock);
             EngineServer server = start(clock, """
                     apiVersion: opsgate.io/v1alpha1
                     kind: NotificationChannel
                     metadata: {name: team, namespace: opsgate-acme}
                     spec:
                       type: Webhook
                       webhook: {url: "%s"}
                     ---
                     apiVersion: opsgate.io/v1alpha1
                     kind: NotificationChannel
                     metadata: {name: phone, namespace: opsgate-acme}
                     spec:
                       type: CallOut
                       callOut: {url: "http://127.0.0.1:9", from: "+15005550006"}
                       secretRef: {name: twilio}
                     ---
                     apiVersion: opsgate.io/v1alpha1
                     kind: OnCallSchedule
                     metadata: {name: primary, namespace: opsgate-acme}
                     spec:
                       layers:
                         - {name: all, start: "2026-03-01T00:00:00Z", people: [taro], rotation: {type: Daily}}
                       callOut: {channel: phone}
                     ---
                     apiVersion: opsgate.io/v1alpha1
                     kind: AlertRule
                     metadata: {name: db-down, namespace: opsgate-acme}
                     spec:
                       matchers: ['alertname="DbDown"']
                       actions:
                         ticket: {priority: P1, groupBy: [alertname]}
                         notify: {channels: [team], groupWait: 0s}
                         escalate:
                           levels:
                             - {after: 1m, schedules: [primary]}
                     ---
                     apiVersion: opsgate.io/v1alpha1
                     kind: OpsJob
                     metadata: {name: restart-db, namespace: opsgate-acme}
                     spec:
                       trigger: {alertRule: db-down}
                       container: {image: registry.example/ops/runner:1}
                       local: {command: ['true']}
                     ---
                     apiVersion: opsgate.io/v1alpha1
                     kind: OperationsSuspension
                     metadata: {name: storage-migration, namespace: opsgate-acme}
                     spec:
                       reason: "ストレージ移行作業 CHG-1234"
                       requestedBy: taro@acme.example
                       window: {start: "2026-03-14T13:00:00Z", end: "2026-03-14T14:00:00Z"}
                       matchers: ['service="db"']
                       suspend: [AlertTriggeredJobs, CallOuts]
                     """.formatted(sink.url("/team")))) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            assertThat(http.post("/api/v2/alerts", ADMIN, "[" + alert("db-1") + "]").status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> sink.processed().size() == 1);
            String ticket = http.get("/api/v1/tickets", ADMIN).json().path("tickets").get(0).path("id").asText();
            await().atMost(WAIT).until(() -> actions(http, ticket).contains("suspension-started"));
            await().atMost(WAIT).until(() -> comments(http, ticket).stream().anyMatch(c -> c.contains("restart-db")));
            assertThat(comments(http, ticket).get(0)).contains("storage-migration").contains("ストレージ移行作業 CHG-1234");
            assertThat(http.get("/api/v1/jobruns", ADMIN).json()).isEmpty();

            clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // the level comes due
            await().atMost(WAIT).until(() -> actions(http, ticket).contains("callout-suspended"));
            assertThat(detail(http, ticket, "callout-suspended")).contains("oncallschedule/primary")
                    .contains("storage-migration").contains("CHG-1234");

            clock.advance(Duration.ofMinutes(30)); // 14:01: the window has closed
            await().atMost(WAIT).until(() -> actions(http, ticket).contains("suspension-ended"));
            assertThat(http.get("/api/v1/jobruns", ADMIN).json()).isEmpty();
            assertThat(http.post("/api/v2/alerts", ADMIN, "[" + alert("db-2") + "]").status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> http.get("/api/v1/jobruns?opsjob=restart-db", ADMIN).json().size() == 1);
            assertThat(sink.processed()).hasSizeGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aScheduledJobInsideARequestedWindowDoesNotRunWhileAnotherDoes() throws Exception {
        // A second before a full minute: both scheduled jobs come due within a second of real time.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(59).plusMillis(200);
        MutableClock clock = new MutableClock(now);
        try (EngineServer server = start(clock, """
                apiVersion: opsgate.io/v1alpha1
                kind: OpsJob
                metadata: {name: nightly, namespace: opsgate-acme}
                spec:
                  schedule: {cron: '* * * * *'}
                  container: {image: registry.example/ops/runner:1}
                  local: {command: ['true']}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: OpsJob
                metadata: {name: hourly, namespace: opsgate-acme}
                spec:
                  schedule: {cron: '* * * * *'}
                  container: {image: registry.example/ops/runner:1}
                  local: {command: ['true']}
                """)) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            Http.Response created = http.post("/api/v1/suspensions", OPERATOR, "{\"matchers\":[\"opsjob=\\\"nightly\\\"\"],"
                    + "\"start\":\"" + now.minusSeconds(60) + "\",\"end\":\"" + now.plus(Duration.ofHours(1))
                    + "\",\"reason\":\"backup restore test\",\"suspend\":[\"ScheduledJobs\"]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().path("requestedBy").asText()).isEqualTo("operator");
            assertThat(created.json().path("phase").asText()).isEqualTo("Active");
            String name = created.json().path("name").asText();

            await().atMost(WAIT).until(() -> http.get("/api/v1/jobruns?opsjob=hourly", ADMIN).json().size() == 1);
            assertThat(http.get("/api/v1/jobruns?opsjob=nightly", ADMIN).json()).isEmpty();

            JsonNode list = http.get("/api/v1/suspensions", VIEWER).json().path("suspensions");
            assertThat(list).hasSize(1);
            assertThat(list.get(0).path("name").asText()).isEqualTo(name);
            assertThat(list.get(0).path("source").asText()).isEqualTo("api");
            assertThat(list.get(0).path("reason").asText()).isEqualTo("backup restore test");
        }
        // Durable: it is still there after a restart.
        try (EngineServer server = start(clock, "")) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            assertThat(http.get("/api/v1/suspensions", VIEWER).json().path("suspensions")).hasSize(1);
        }
    }

    @Test
    void aRequestWithBadInputIs400NamingTheFieldAndAViewerMayNotRequest() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-14T13:30:00Z"));
        try (EngineServer server = start(clock, "")) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            String ok = "\"start\":\"2026-03-14T14:00:00Z\",\"end\":\"2026-03-14T15:00:00Z\"";
            bad(http, "{" + ok + "}", "reason");
            bad(http, "{\"reason\":\"x\",\"start\":\"2026-03-14T14:00:00Z\"}", "end");
            bad(http, "{\"reason\":\"x\",\"start\":\"2026-03-14T14:00:00Z\",\"end\":\"2026-03-14T13:50:00Z\"}", "end");
            bad(http, "{\"reason\":\"x\",\"start\":\"tomorrow\",\"end\":\"2026-03-14T15:00:00Z\"}", "start");
            bad(http, "{\"reason\":\"x\"," + ok + ",\"matchers\":[\"service=~\\\"(\\\"\"]}", "matchers[0]");
            bad(http, "{\"reason\":\"x\"," + ok + ",\"suspend\":[\"Everything\"]}", "suspend[0]");
            bad(http, "{\"reason\":\"x\",\"start\":\"2026-03-14T12:00:00Z\",\"end\":\"2026-03-14T13:00:00Z\"}", "end");
            assertThat(http.post("/api/v1/suspensions", VIEWER, "{\"reason\":\"x\"," + ok + "}").status()).isEqualTo(403);
            assertThat(http.get("/api/v1/suspensions", VIEWER).json().path("suspensions")).isEmpty();
        }
    }

    private static void bad(Http http, String body, String field) {
        Http.Response r = http.post("/api/v1/suspensions", OPERATOR, body);
        assertThat(r.status()).as(body + " " + r.body()).isEqualTo(400);
        assertThat(r.json().path("field").asText()).as(body).isEqualTo(field);
    }

    private static String alert(String instance) {
        return "{\"labels\":{\"alertname\":\"DbDown\",\"service\":\"db\",\"instance\":\"" + instance
                + "\"},\"endsAt\":\"2026-03-20T00:00:00Z\"}";
    }

    private static List<String> actions(Http http, String ticket) {
        List<String> result = new ArrayList<>();
        http.get("/api/v1/tickets/" + ticket, ADMIN).json().path("timeline").forEach(e -> result.add(e.path("action").asText()));
        return result;
    }

    private static String detail(Http http, String ticket, String action) {
        for (JsonNode e : http.get("/api/v1/tickets/" + ticket, ADMIN).json().path("timeline")) {
            if (e.path("action").asText().equals(action)) {
                return e.path("detail").asText();
            }
        }
        return null;
    }

    private static List<String> comments(Http http, String ticket) {
        List<String> result = new ArrayList<>();
        http.get("/api/v1/tickets/" + ticket, ADMIN).json().path("comments").forEach(c -> result.add(c.path("text").asText()));
        return result;
    }
}
