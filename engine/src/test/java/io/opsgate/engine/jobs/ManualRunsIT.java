package io.opsgate.engine.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.support.ConfigDir;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starting an OpsJob by hand (standalone, local jobs): only a job with {@code spec.manual: true}, only with the
 * Tickets or Admin scope, with a reason; the run carries who started it and why, runs its job net, and counts toward
 * the guardrails, which refuse the next start within the cooldown (429 with Retry-After) or past maxRunsPerHour;
 * concurrencyPolicy Forbid refuses a start while a run is going (409). Without --allow-local-jobs the engine says
 * at once that it runs no jobs.
 */
class ManualRunsIT {
    static final String ADMIN = "manual-runs-admin-token-000000000000000000";
    static final String OPERATOR = "manual-runs-operator-token-00000000000000";
    static final String READER = "manual-runs-reader-token-0000000000000000";

    @TempDir
    Path dir;

    private static String job(String name, String spec) {
        return "---\napiVersion: opsgate.io/v1alpha1\nkind: OpsJob\nmetadata: {name: " + name
                + ", namespace: opsgate-acme}\nspec:\n  container: {image: registry.example/ops/runner:1}\n" + spec.indent(2);
    }

    private EngineServer start(MutableClock clock, String... options) throws Exception {
        String objects = """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  egress: [{cidr: 127.0.0.1/32}]
                  apiTokens:
                    - {name: admin, scopes: [Ingest, Read, Admin]}
                    - {name: operator, scopes: [Read, Tickets]}
                    - {name: reader, scopes: [Read]}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: db-broken, namespace: opsgate-acme}
                spec:
                  matchers: ['alertname="DbBroken"']
                  actions: {ticket: {priority: P2}}
                """ + job("restart-db", """
                manual: true
                trigger: {alertRule: db-broken}
                guardrails: {cooldown: 10m, maxRunsPerHour: 6}
                local: {command: [sh, -c, 'echo "restart by $OPSGATE_REQUESTED_BY: $OPSGATE_RUN_NOTE ($OPSGATE_RUN_REASON)"']}""")
                + job("notify-db", """
                dependsOn: [restart-db]
                local: {command: [sh, -c, 'echo told']}""")
                + job("drop-db", """
                trigger: {alertRule: db-broken}
                local: {command: ['true']}""")
                + job("slow-report", """
                manual: true
                schedule: {cron: '0 3 * * *'}
                guardrails: {cooldown: 0s, maxRunsPerHour: 2}
                local: {command: [sleep, '2']}""");
        ConfigDir config = new ConfigDir(dir).yaml("acme.yaml", objects).token("acme", "admin", ADMIN)
                .token("acme", "operator", OPERATOR).token("acme", "reader", READER);
        return new EngineServer(config.standalone(options), clock).start();
    }

    private static Http.Response startRun(Http http, String token, String job, String reason) {
        return http.post("/api/v1/jobs/" + job + "/runs", token, reason == null ? "{}" : "{\"reason\":\"" + reason + "\"}");
    }

    private static JsonNode run(Http http, String name) {
        for (JsonNode r : http.get("/api/v1/jobruns", ADMIN).json()) {
            if (r.path("name").asText().equals(name)) {
                return r;
            }
        }
        return null;
    }

    @Test
    void anOperatorStartsAManualJobWhichRunsItsNetUnderTheirNameAndCountsTowardTheGuardrails() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
        try (EngineServer server = start(clock, "--tick=50", "--allow-local-jobs")) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            JsonNode jobs = http.get("/api/v1/opsjobs", READER).json().path("opsJobs");
            assertThat(jobs).extracting(j -> j.path("name").asText() + "=" + j.path("manual").asBoolean())
                    .containsExactly("drop-db=false", "notify-db=false", "restart-db=true", "slow-report=true");

            Http.Response started = startRun(http, OPERATOR, "restart-db", "replica lag after failover");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            String name = started.json().path("name").asText();
            assertThat(started.json().path("requestedBy").asText()).isEqualTo("operator");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode r = run(http, name);
                assertThat(r).isNotNull();
                assertThat(r.path("phase").asText()).isEqualTo("Succeeded");
                assertThat(r.path("reason").asText()).isEqualTo("Manual");
                assertThat(r.path("requestedBy").asText()).isEqualTo("operator");
                assertThat(r.path("note").asText()).isEqualTo("replica lag after failover");
                assertThat(r.path("steps")).extracting(s -> s.path("opsJob").asText())
                        .containsExactly("restart-db", "notify-db");
                assertThat(r.path("steps").get(0).path("logTail").asText())
                        .contains("restart by operator: replica lag after failover (Manual)");
            });

            // The manual run counts: within the cooldown the next start is refused, saying when it may go.
            clock.advance(Duration.ofMinutes(3));
            Http.Response again = startRun(http, ADMIN, "restart-db", "again");
            assertThat(again.status()).as(again.body()).isEqualTo(429);
            assertThat(again.json().path("reason").asText()).isEqualTo("GuardrailCooldown");
            assertThat(again.headers().firstValue("Retry-After")).hasValue("420");
            // ... and so does an alert-triggered run of the same job.
            assertThat(http.post("/api/v2/alerts", ADMIN, "[{\"labels\":{\"alertname\":\"DbBroken\"}}]").status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(http.get("/api/v1/jobruns?opsjob=drop-db",
                    ADMIN).json()).isNotEmpty());
            assertThat(http.get("/api/v1/jobruns?opsjob=restart-db", ADMIN).json()).hasSize(1);
            clock.advance(Duration.ofMinutes(8));
            assertThat(startRun(http, ADMIN, "restart-db", "after the cooldown").status()).isEqualTo(202);
        }
    }

    @Test
    void whatMayNotStartIsRefusedWithAReasonAndNothingRuns() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
        try (EngineServer server = start(clock, "--tick=50", "--allow-local-jobs")) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            Http.Response notManual = startRun(http, ADMIN, "drop-db", "cleanup");
            assertThat(notManual.status()).isEqualTo(409);
            assertThat(notManual.json().path("reason").asText()).isEqualTo("NotManual");
            assertThat(notManual.json().path("error").asText()).contains("spec.manual");
            Http.Response unknown = startRun(http, ADMIN, "nope", "x");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().path("field").asText()).isEqualTo("opsjob");
            Http.Response noReason = startRun(http, ADMIN, "restart-db", null);
            assertThat(noReason.status()).isEqualTo(400);
            assertThat(noReason.json().path("field").asText()).isEqualTo("reason");
            Http.Response reader = startRun(http, READER, "restart-db", "I am only a viewer");
            assertThat(reader.status()).isEqualTo(403);
            assertThat(reader.json().path("scope").asText()).isEqualTo("Admin or Tickets");
            assertThat(http.get("/api/v1/jobruns", ADMIN).json()).isEmpty();

            // Forbid: the first run sleeps two seconds; a second start meanwhile is refused.
            assertThat(startRun(http, OPERATOR, "slow-report", "month end").status()).isEqualTo(202);
            Http.Response busy = startRun(http, OPERATOR, "slow-report", "month end, again");
            assertThat(busy.status()).as(busy.body()).isEqualTo(409);
            assertThat(busy.json().path("reason").asText()).isEqualTo("ConcurrencyForbid");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get("/api/v1/jobruns?opsjob=slow-report",
                    ADMIN).json()).singleElement().satisfies(r -> assertThat(r.path("phase").asText()).isEqualTo("Succeeded")));
            assertThat(startRun(http, OPERATOR, "slow-report", "third").status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get("/api/v1/jobruns?opsjob=slow-report",
                    ADMIN).json()).allSatisfy(r -> assertThat(r.path("phase").asText()).isEqualTo("Succeeded")));
            // maxRunsPerHour 2: the third start within the hour is refused.
            Http.Response rate = startRun(http, OPERATOR, "slow-report", "fourth");
            assertThat(rate.status()).as(rate.body()).isEqualTo(429);
            assertThat(rate.json().path("reason").asText()).isEqualTo("GuardrailRateLimit");
            assertThat(rate.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v))
                    .isBetween(3500L, 3600L));
        }
    }

    @Test
    void withoutLocalJobsTheEngineSaysAtOnceThatItRunsNone() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
        try (EngineServer server = start(clock, "--tick=50")) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            Http.Response r = startRun(http, ADMIN, "restart-db", "try");
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().path("reason").asText()).isEqualTo("RunsNotPossible");
            assertThat(r.json().path("error").asText()).contains("--allow-local-jobs");
            assertThat(http.get("/api/v1/jobruns", ADMIN).json()).isEmpty();
        }
    }
}
