package io.opsgate.engine.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.support.ConfigDir;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Standalone OpsJobs: with --allow-local-jobs an alert runs the job net as local processes (a step after its
 * dependencies succeeded, the rest skipped, exit codes and output tails recorded, a failed run raising
 * OpsJobRunFailed into the pipeline), schedules fire by cron in their time zone, and timeouts stop a step;
 * without the flag a request is recorded as refused, saying how to allow it.
 */
class LocalJobsIT {
    static final String TOKEN = "local-jobs-admin-token-000000000000000000";

    @TempDir
    Path dir;

    private static String job(String name, String spec) {
        return "---\napiVersion: opsgate.io/v1alpha1\nkind: OpsJob\nmetadata: {name: " + name
                + ", namespace: opsgate-acme}\nspec:\n"
                + (spec.contains("container:") ? "" : "  container: {image: registry.example/ops/runner:1}\n") + spec.indent(2);
    }

    private static String rule(String name, String alertname, String actions) {
        return "---\napiVersion: opsgate.io/v1alpha1\nkind: AlertRule\nmetadata: {name: " + name
                + ", namespace: opsgate-acme}\nspec:\n  matchers: ['alertname=\"" + alertname + "\"']\n  actions: " + actions + "\n";
    }

    private static final String TENANT = """
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: acme}
            spec:
              egress: [{cidr: 127.0.0.1/32}]
              apiTokens:
                - {name: admin, scopes: [Ingest, Read, Admin]}
            """;

    /** Standalone with the tenant and {@code objects}, its admin token known. */
    private EngineServer start(MutableClock clock, String objects, String... options) throws Exception {
        ConfigDir config = new ConfigDir(dir).yaml("acme.yaml", TENANT + objects).token("acme", "admin", TOKEN);
        return new EngineServer(config.standalone(options), clock).start();
    }

    private EngineServer start(MutableClock clock, boolean allow) throws Exception {
        String objects = rule("db-broken", "DbBroken", "{ticket: {priority: P2}}")
                + rule("slow", "Slow", "{ticket: {priority: P4}}")
                + rule("job-failures", "OpsJobRunFailed", "{ticket: {priority: P3, resolveWhenCleared: false}}")
                + job("prepare", """
                trigger: {alertRule: db-broken}
                guardrails: {cooldown: 10m}
                container:
                  image: registry.example/ops/runner:1
                  env: [{name: GREETING, value: hello}]
                local: {command: [sh, -c, 'echo "$GREETING $OPSGATE_ALERTNAME from $OPSGATE_OPSJOB"']}""")
                + job("migrate", """
                dependsOn: [prepare]
                retries: 1
                local: {command: [sh, -c, 'echo boom >&2; exit 3']}""")
                + job("announce", """
                dependsOn: [migrate]
                local: {command: ['true']}""")
                + job("audit", """
                dependsOn: [prepare]
                local: {command: [sh, -c, 'echo audited']}""")
                + job("sleeper", """
                trigger: {alertRule: slow}
                timeout: 1s
                local: {command: [sleep, '30']}""")
                + job("tick", """
                schedule: {cron: '* * * * *', timeZone: Asia/Tokyo}
                local: {command: [sh, -c, 'echo tick $OPSGATE_RUN_REASON']}""");
        return allow ? start(clock, objects, "--tick=50", "--allow-local-jobs") : start(clock, objects, "--tick=50");
    }

    private static JsonNode run(Http http, String job) {
        for (JsonNode r : http.get("/api/v1/jobruns?opsjob=" + job, TOKEN).json()) {
            return r;
        }
        return null;
    }

    private static JsonNode step(JsonNode run, String job) {
        for (JsonNode s : run.path("steps")) {
            if (s.path("opsJob").asText().equals(job)) {
                return s;
            }
        }
        throw new AssertionError("no step " + job + " in " + run);
    }

    @Test
    void anAlertRunsTheJobNetLocallyAndAFailureIsAlerted() throws Exception {
        // A second before a full minute (Tokyo time = UTC + 9 h, same minutes), so the scheduled job fires soon.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(59).plusMillis(300);
        MutableClock clock = new MutableClock(now);
        try (EngineServer server = start(clock, true)) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            assertThat(http.post("/api/v2/alerts", TOKEN, "[{\"labels\":{\"alertname\":\"DbBroken\",\"db\":\"main\"}}]")
                    .status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode r = run(http, "prepare");
                assertThat(r).isNotNull();
                assertThat(r.path("phase").asText()).isEqualTo("Failed");
            });
            JsonNode r = run(http, "prepare");
            assertThat(r.path("reason").asText()).isEqualTo("Alert");
            assertThat(r.path("alert").path("alertname").asText()).isEqualTo("DbBroken");
            assertThat(r.path("steps")).extracting(s -> s.path("opsJob").asText())
                    .containsExactly("prepare", "audit", "migrate", "announce");
            assertThat(step(r, "prepare").path("phase").asText()).isEqualTo("Succeeded");
            assertThat(step(r, "prepare").path("exitCode").asInt()).isZero();
            assertThat(step(r, "prepare").path("logTail").asText()).isEqualTo("hello DbBroken from prepare");
            assertThat(step(r, "audit").path("phase").asText()).isEqualTo("Succeeded");
            JsonNode migrate = step(r, "migrate");
            assertThat(migrate.path("phase").asText()).isEqualTo("Failed");
            assertThat(migrate.path("exitCode").asInt()).isEqualTo(3);
            assertThat(migrate.path("message").asText()).isEqualTo("exit code 3 after 2 attempts");
            assertThat(migrate.path("logTail").asText()).isEqualTo("boom");
            assertThat(step(r, "announce").path("phase").asText()).isEqualTo("Skipped");
            assertThat(step(r, "announce").path("message").asText()).isEqualTo("dependency migrate failed");
            assertThat(r.has("completionTime")).isTrue();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode alerts = http.get("/api/v2/alerts?filter=alertname%3D%22OpsJobRunFailed%22", TOKEN).json();
                assertThat(alerts).hasSize(1);
                assertThat(alerts.get(0).path("labels").path("opsjob").asText()).isEqualTo("prepare");
                assertThat(alerts.get(0).path("labels").path("run").asText()).isEqualTo(r.path("name").asText());
                assertThat(alerts.get(0).path("annotations").path("description").asText())
                        .startsWith("step migrate failed with exit code 3");
                assertThat(alerts.get(0).path("opsgate").path("ticketId").asLong()).isPositive();
            });

            assertThat(http.post("/api/v2/alerts", TOKEN, "[{\"labels\":{\"alertname\":\"DbBroken\",\"db\":\"replica\"}}]")
                    .status()).isEqualTo(200);
            assertThat(http.post("/api/v2/alerts", TOKEN, "[{\"labels\":{\"alertname\":\"Slow\"}}]").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode slow = run(http, "sleeper");
                assertThat(slow).isNotNull();
                assertThat(slow.path("phase").asText()).isEqualTo("Failed");
                assertThat(step(slow, "sleeper").path("message").asText()).isEqualTo("stopped after the timeout of 1s");
                assertThat(step(slow, "sleeper").has("exitCode")).isFalse();
            });
            assertThat(http.get("/api/v1/jobruns?opsjob=prepare", TOKEN).json()).as("the cooldown holds").hasSize(1);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode tick = run(http, "tick");
                assertThat(tick).isNotNull();
                assertThat(tick.path("reason").asText()).isEqualTo("Schedule");
                assertThat(tick.path("phase").asText()).isEqualTo("Succeeded");
                assertThat(step(tick, "tick").path("logTail").asText()).isEqualTo("tick Schedule");
                Instant due = Instant.parse(tick.path("requestedAt").asText());
                assertThat(ZonedDateTime.ofInstant(due, ZoneId.of("Asia/Tokyo")).getSecond()).isZero();
            });
        }
    }

    @Test
    void withoutTheFlagARequestIsRecordedAsRefused() throws Exception {
        try (EngineServer server = start(new MutableClock(Instant.now()), false)) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            assertThat(http.post("/api/v2/alerts", TOKEN, "[{\"labels\":{\"alertname\":\"DbBroken\"}}]").status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode r = run(http, "prepare");
                assertThat(r).isNotNull();
                assertThat(r.path("phase").asText()).isEqualTo("Refused");
                assertThat(r.path("message").asText()).contains("--allow-local-jobs");
                assertThat(r.path("steps")).isEmpty();
            });
            assertThat(http.get("/api/v2/alerts?filter=alertname%3D%22OpsJobRunFailed%22", TOKEN).json()).isEmpty();
        }
    }

    @Test
    void aVaultCredentialReachesOnlyTheJobThatReferencesIt() throws Exception {
        Path kek = dir.resolve("kek");
        Files.createDirectories(kek);
        Files.writeString(kek.resolve("20261126T000000Z"), java.util.Base64.getEncoder().encodeToString(new byte[32]));
        String objects = rule("db-broken", "DbBroken", "{ticket: {priority: P2}}")
                + job("login", """
                trigger: {alertRule: db-broken}
                credentials: [{secretName: db-login}]
                local: {command: [sh, -c, 'test "$OPSGATE_CREDENTIAL_DB_LOGIN_PASSWORD" = "s3cr3t value" && echo matched']}""")
                + job("bystander", """
                dependsOn: [login]
                local: {command: [sh, -c, 'test -z "$OPSGATE_CREDENTIAL_DB_LOGIN_PASSWORD" && echo none']}""");
        try (EngineServer server = start(new MutableClock(Instant.now()), objects, "--tick=50", "--kek-dir=" + kek,
                "--allow-local-jobs")) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            assertThat(http.put("/api/v1/credentials/db-login", TOKEN, "{\"password\": \"s3cr3t value\"}").status())
                    .isBetween(200, 204);
            assertThat(http.post("/api/v2/alerts", TOKEN, "[{\"labels\":{\"alertname\":\"DbBroken\"}}]").status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode r = run(http, "login");
                assertThat(r).isNotNull();
                assertThat(r.path("phase").asText()).isEqualTo("Succeeded");
            });
            JsonNode r = run(http, "login");
            assertThat(step(r, "login").path("logTail").asText()).isEqualTo("matched");
            assertThat(step(r, "bystander").path("logTail").asText()).isEqualTo("none");
        }
    }
}
