package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.webhook.testing.RunningWebhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.opsgate.webhook.testing.AdmissionRequests.JSON;
import static io.opsgate.webhook.testing.AdmissionRequests.create;
import static io.opsgate.webhook.testing.AdmissionRequests.object;
import static io.opsgate.webhook.testing.AdmissionRequests.patch;
import static io.opsgate.webhook.testing.AdmissionRequests.response;
import static io.opsgate.webhook.testing.AdmissionRequests.review;
import static io.opsgate.webhook.testing.AdmissionRequests.update;
import static org.assertj.core.api.Assertions.assertThat;

/** The webhook over real HTTPS with AdmissionReview bodies as the API server sends them. */
class AdmissionWebhookIT {

    private static final String NS = "opsgate-demo";

    @TempDir
    static Path tls;
    private static RunningWebhook webhook;

    @BeforeAll
    static void start() throws Exception {
        webhook = RunningWebhook.start(tls, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        webhook.close();
    }

    @BeforeEach
    void demoCluster() throws Exception {
        cluster(read(Tenant.class, """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: demo}
                spec:
                  limits: {maxAlertRules: 5}
                  apiTokens: [{name: ci, secretName: ci-token}]
                """));
    }

    /** The demo namespace's Tenant (the webhook reads no Secret, so none is seeded). */
    private static void cluster(Tenant tenant) {
        webhook.cluster().clear();
        webhook.cluster().tenant(tenant);
    }

    @Test
    void aValidObjectIsAllowedWithItsDefaultsAsJsonPatch() throws Exception {
        // As the API server sends it: the CRD schema's own defaults (order, mode, priority, resolveWhenCleared)
        // are already applied; what only Defaults knows is missing.
        ObjectNode rule = object("""
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: page-oncall, namespace: opsgate-demo}
                spec:
                  order: 1000
                  mode: Enforce
                  matchers: ['severity="critical"']
                  actions:
                    ticket: {priority: P3, resolveWhenCleared: true}
                    notify:
                      channels: [oncall-mail]
                """);

        JsonNode mutated = response(webhook.post("/mutate", create(rule)).body());

        assertThat(mutated.path("allowed").asBoolean()).isTrue();
        assertThat(mutated.path("patchType").asText()).isEqualTo("JSONPatch");
        assertThat(ops(patch(mutated))).containsExactlyInAnyOrder(
                "add /spec/continue false",
                "add /spec/actions/ticket/category \"incident\"",
                "add /spec/actions/ticket/groupBy [\"alertname\"]",
                "add /spec/actions/notify/groupBy [\"alertname\"]",
                "add /spec/actions/notify/groupWait \"30s\"",
                "add /spec/actions/notify/groupInterval \"5m\"",
                "add /spec/actions/notify/repeatInterval \"4h\"");

        JsonNode stored = JsonPatchApplier.apply(rule, patch(mutated));
        JsonNode validated = response(webhook.post("/validate", create(stored)).body());
        assertThat(validated.path("allowed").asBoolean()).as(validated.toString()).isTrue();
        JsonNode again = response(webhook.post("/mutate", create(stored)).body());
        assertThat(again.path("allowed").asBoolean()).isTrue();
        assertThat(again.has("patch")).as("a defaulted object needs no patch").isFalse();
    }

    @Test
    void aRuleWithoutModeIsEnforcedAndAShadowRuleStaysInShadow() throws Exception {
        // An API server that did not apply the schema's default (a CRD of an older release) leaves mode out.
        ObjectNode rule = object("""
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: drop-noise, namespace: opsgate-demo}
                spec:
                  order: 10
                  continue: false
                  actions: {drop: true}
                """);
        JsonNode mutated = response(webhook.post("/mutate", create(rule)).body());
        assertThat(ops(patch(mutated))).containsExactly("add /spec/mode \"Enforce\"");

        ((ObjectNode) rule.path("spec")).put("mode", "Shadow");
        JsonNode shadow = response(webhook.post("/mutate", create(rule)).body());
        assertThat(shadow.path("allowed").asBoolean()).isTrue();
        assertThat(shadow.has("patch")).as("Shadow is kept as written").isFalse();
    }

    @Test
    void theResponseEchoesTheRequestUid() throws Exception {
        String body = create(object(minimalRule("echo")));
        String uid = JSON.readTree(body).path("request").path("uid").asText();
        JsonNode review = JSON.readTree(webhook.post("/validate", body).body());
        assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(review.path("response").path("uid").asText()).isEqualTo(uid);
    }

    @Test
    void everyDemoExampleIsAllowed() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        Path demo = Path.of(System.getProperty("opsgate.repoRoot", "..")).resolve("examples/demo");
        // The example's own Tenant owns the namespace: its spec.egress decides where its channels may post.
        cluster(yaml.readValue(demo.resolve("00-tenant.yaml").toFile(), Tenant.class));
        List<Path> files;
        try (Stream<Path> s = Files.list(demo)) {
            files = s.sorted().toList();
        }
        int seen = 0;
        for (Path file : files) {
            for (JsonNode doc : yaml.readValues(yaml.createParser(file.toFile()), JsonNode.class).readAll()) {
                if (!doc.path("apiVersion").asText().startsWith("opsgate.io/")) {
                    continue; // the demo's Namespace is the API server's to judge, not the webhook's
                }
                ObjectNode o = object(yaml.writeValueAsString(doc));
                JsonNode mutated = response(webhook.post("/mutate", create(o)).body());
                JsonNode stored = patch(mutated) == null ? o : JsonPatchApplier.apply(o, patch(mutated));
                JsonNode validated = response(webhook.post("/validate", create(stored)).body());
                assertThat(validated.path("allowed").asBoolean()).as(file + ": " + validated).isTrue();
                seen++;
            }
        }
        assertThat(seen).isGreaterThanOrEqualTo(9);
    }

    @Test
    void aSecretReferenceIsAdmittedWithAWarningSinceTheWebhookReadsNoSecrets() throws Exception {
        JsonNode channel = response(webhook.post("/validate", create(object("""
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: slack, namespace: opsgate-demo}
                spec:
                  type: Slack
                  secretRef: {name: slack-webhook}
                """))).body());
        assertThat(channel.path("allowed").asBoolean()).isTrue();
        assertThat(channel.path("warnings")).singleElement().satisfies(w -> assertThat(w.asText())
                .isEqualTo("spec.secretRef.name: Secret slack-webhook must exist in opsgate-demo; until it does, "
                        + "status shows Ready=False WaitingForSecret"));
        assertThat(channel.path("warnings").get(0).asText().length()).as("the API server truncates long warnings")
                .isLessThan(256);

        JsonNode job = response(webhook.post("/validate", create(object("""
                apiVersion: opsgate.io/v1alpha1
                kind: OpsJob
                metadata: {name: backup, namespace: opsgate-demo}
                spec:
                  container: {image: busybox:1.36}
                  schedule: {cron: "0 3 * * *"}
                  credentials: [{secretName: web-ssh-key}, {secretName: db-password}]
                """))).body());
        assertThat(job.path("allowed").asBoolean()).isTrue();
        assertThat(job.path("warnings")).extracting(JsonNode::asText).hasSize(2)
                .anySatisfy(w -> assertThat(w).startsWith("spec.credentials[1].secretName: Secret db-password must exist"));

        JsonNode source = response(webhook.post("/validate", create(object("""
                apiVersion: opsgate.io/v1alpha1
                kind: AlertSource
                metadata: {name: mail, namespace: opsgate-demo}
                spec:
                  type: Mail
                  mail:
                    recipients: [alerts@demo.example]
                    authSecretRef: {name: smtp-auth}
                """))).body());
        assertThat(source.path("allowed").asBoolean()).isTrue();
        assertThat(source.path("warnings").get(0).asText()).startsWith("spec.mail.authSecretRef.name: Secret smtp-auth");

        JsonNode rule = response(webhook.post("/validate", create(object("""
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: r, namespace: opsgate-demo}
                spec:
                  matchers: ['severity="critical"']
                  actions: {drop: true}
                """))).body());
        assertThat(rule.path("warnings").isMissingNode() || rule.path("warnings").isEmpty()).as("nothing referenced").isTrue();
    }

    @Test
    void everyOnCallExampleIsAllowed() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("opsgate.repoRoot", "..")).resolve("examples/oncall"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<String> kinds = new ArrayList<>();
        for (Path file : files) {
            for (JsonNode doc : yaml.readValues(yaml.createParser(file.toFile()), JsonNode.class).readAll()) {
                ObjectNode o = object(yaml.writeValueAsString(doc));
                JsonNode mutated = response(webhook.post("/mutate", create(o)).body());
                JsonNode stored = patch(mutated) == null ? o : JsonPatchApplier.apply(o, patch(mutated));
                JsonNode validated = response(webhook.post("/validate", create(stored)).body());
                assertThat(validated.path("allowed").asBoolean()).as(file + ": " + validated).isTrue();
                kinds.add(doc.path("kind").asText());
            }
        }
        assertThat(kinds).contains("OnCallSchedule", "ContactGroup", "OperationsSuspension");
    }

    @Test
    void theOnCallKindsGetTheirDefaultsAsJsonPatch() throws Exception {
        ObjectNode schedule = object("""
                apiVersion: opsgate.io/v1alpha1
                kind: OnCallSchedule
                metadata: {name: primary, namespace: opsgate-demo}
                spec:
                  layers:
                    - {name: weekly, start: "2026-01-05T09:00:00+09:00", people: [taro], rotation: {type: Weekly}}
                  callOut: {channel: phone}
                """);
        assertThat(ops(patch(response(webhook.post("/mutate", create(schedule)).body())))).containsExactlyInAnyOrder(
                "add /spec/timeZone \"UTC\"",
                "add /spec/layers/0/rotation/every 1",
                "add /spec/callOut/method \"Voice\"",
                "add /spec/callOut/attemptTimeout \"2m\"");

        ObjectNode group = object("""
                apiVersion: opsgate.io/v1alpha1
                kind: ContactGroup
                metadata: {name: db-team, namespace: opsgate-demo}
                spec:
                  members: [{person: taro}]
                  callOut: {channel: phone, method: SMS}
                """);
        assertThat(ops(patch(response(webhook.post("/mutate", create(group)).body())))).containsExactlyInAnyOrder(
                "add /spec/rounds 1",
                "add /spec/callOut/attemptTimeout \"2m\"");

        ObjectNode suspension = object("""
                apiVersion: opsgate.io/v1alpha1
                kind: OperationsSuspension
                metadata: {name: migration, namespace: opsgate-demo}
                spec:
                  reason: storage migration
                  requestedBy: taro
                  window:
                    timeWindows: [{weekdays: [saturday]}]
                  suspend: [ScheduledJobs]
                """);
        JsonNode mutated = response(webhook.post("/mutate", create(suspension)).body());
        assertThat(ops(patch(mutated))).containsExactly("add /spec/window/timeZone \"UTC\"");
        JsonNode validated = response(webhook.post("/validate", create(JsonPatchApplier.apply(suspension, patch(mutated)))).body());
        assertThat(validated.path("allowed").asBoolean()).as(validated.toString()).isTrue();
    }

    static Stream<Arguments> invalidObjects() {
        return Stream.of(
                Arguments.of("schedule in an unknown time zone", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: OnCallSchedule
                        metadata: {name: primary, namespace: opsgate-demo}
                        spec:
                          timeZone: Asia/Atlantis
                          layers:
                            - {name: weekly, start: "2026-01-05T09:00:00+09:00", people: [taro], rotation: {type: Weekly}}
                        """)), "spec.timeZone", "InvalidTimeZone"),
                Arguments.of("schedule layer with a phone number for a person", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: OnCallSchedule
                        metadata: {name: primary, namespace: opsgate-demo}
                        spec:
                          layers:
                            - {name: weekly, start: "2026-01-05T09:00:00+09:00", people: ["+819012345678"],
                               rotation: {type: Weekly}}
                        """)), "spec.layers[0].people[0]", "InvalidValue"),
                Arguments.of("contact group member that is a person and a schedule", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: ContactGroup
                        metadata: {name: db-team, namespace: opsgate-demo}
                        spec:
                          members: [{person: taro, schedule: primary}]
                          callOut: {channel: phone}
                        """)), "spec.members[0]", "InvalidValue"),
                Arguments.of("suspension without an end", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: OperationsSuspension
                        metadata: {name: forever, namespace: opsgate-demo}
                        spec:
                          reason: forgot the end
                          requestedBy: taro
                          window: {start: "2026-03-14T22:00:00+09:00"}
                          suspend: [CallOuts]
                        """)), "spec.window.end", "MissingField"),
                Arguments.of("escalation level without a target", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: AlertRule
                        metadata: {name: page, namespace: opsgate-demo}
                        spec:
                          actions:
                            ticket: {priority: P1}
                            escalate: {levels: [{after: 5m}]}
                        """)), "spec.actions.escalate.levels[0].channels", "MissingField"),
                Arguments.of("bad matcher regex", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: AlertRule
                        metadata: {name: bad-regex, namespace: opsgate-demo}
                        spec:
                          matchers: ['job=~"("']
                          actions: {drop: true}
                        """)), "spec.matchers[0]", "InvalidMatcher"),
                Arguments.of("text condition syntax error", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: AlertRule
                        metadata: {name: bad-text, namespace: opsgate-demo}
                        spec:
                          text: WARN and and ERROR
                          actions: {drop: true}
                        """)), "spec.text", "InvalidTextCondition"),
                Arguments.of("activeUntil before activeFrom", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: AlertRule
                        metadata: {name: backwards, namespace: opsgate-demo}
                        spec:
                          text: ERROR
                          activeFrom: "2026-12-01T00:00:00Z"
                          activeUntil: "2026-11-01T00:00:00Z"
                          actions: {drop: true}
                        """)), "spec.activeUntil", "InvalidTime"),
                Arguments.of("mail pattern regex that does not compile", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: AlertSource
                        metadata: {name: bad-pattern, namespace: opsgate-demo}
                        spec:
                          type: Mail
                          mail:
                            recipients: [alerts@demo.example]
                            patterns: [{field: subject, regex: '(?P<host>\\S+'}]
                        """)), "spec.mail.patterns[0].regex", "InvalidRegex"),
                Arguments.of("mail pattern without named group", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: AlertSource
                        metadata: {name: no-group, namespace: opsgate-demo}
                        spec:
                          type: Mail
                          mail:
                            recipients: [alerts@demo.example]
                            patterns:
                              - {field: subject, regex: '(?P<host>\\S+)'}
                              - {field: body, regex: 'job=(\\S+)'}
                        """)), "spec.mail.patterns[1].regex", "InvalidRegex"),
                Arguments.of("webhook source JSONPath with a wildcard", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: AlertSource
                        metadata: {name: bad-path, namespace: opsgate-demo}
                        spec:
                          type: Webhook
                          webhook:
                            summary: $.trigger.name
                            labels: {host: '$.hosts[*].name'}
                        """)), "spec.webhook.labels.host", "InvalidValue"),
                Arguments.of("bad duration", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: AlertRule
                        metadata: {name: bad-duration, namespace: opsgate-demo}
                        spec:
                          matchers: ['severity="critical"']
                          actions:
                            notify: {channels: [oncall-mail], groupWait: 5 minutes}
                        """)), "spec.actions.notify.groupWait", "InvalidDuration"),
                Arguments.of("bad cron", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: OpsJob
                        metadata: {name: bad-cron, namespace: opsgate-demo}
                        spec:
                          container: {image: busybox:1.36}
                          schedule: {cron: "61 * * * *"}
                        """)), "spec.schedule.cron", "InvalidCron"),
                Arguments.of("bad time zone", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: OpsJob
                        metadata: {name: bad-zone, namespace: opsgate-demo}
                        spec:
                          container: {image: busybox:1.36}
                          schedule: {cron: "0 3 * * *", timeZone: Mars/Olympus_Mons}
                        """)), "spec.schedule.timeZone", "InvalidTimeZone"),
                Arguments.of("bad CIDR", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: Tenant
                        metadata: {name: acme}
                        spec:
                          ingest: {allowedCidrs: [10.0.0.0/8, 10.1.0.0/33]}
                        """)), "spec.ingest.allowedCidrs[1]", "InvalidCIDR"),
                Arguments.of("missing channel settings", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: NotificationChannel
                        metadata: {name: mail, namespace: opsgate-demo}
                        spec:
                          type: Email
                        """)), "spec.email", "MissingField"),
                Arguments.of("OpsJob mounting opsgate's key-encryption keys", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: OpsJob
                        metadata: {name: backup, namespace: opsgate-demo}
                        spec:
                          container: {image: busybox:1.36}
                          schedule: {cron: "0 3 * * *"}
                          credentials: [{secretName: web-ssh-key}, {secretName: opsgate-kek}]
                        """)), "spec.credentials[1].secretName", "ReservedSecret"),
                Arguments.of("channel using an API token Secret the Tenant names", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: NotificationChannel
                        metadata: {name: slack, namespace: opsgate-demo}
                        spec:
                          type: Slack
                          secretRef: {name: ci-token}
                        """)), "spec.secretRef.name", "ReservedSecret"),
                Arguments.of("mail source using opsgate's internal token", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: AlertSource
                        metadata: {name: mail, namespace: opsgate-demo}
                        spec:
                          type: Mail
                          mail:
                            recipients: [alerts@demo.example]
                            authSecretRef: {name: opsgate-internal}
                        """)), "spec.mail.authSecretRef.name", "ReservedSecret"),
                Arguments.of("dependsOn cycle", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: OpsJob
                        metadata: {name: restore, namespace: opsgate-demo}
                        spec:
                          container: {image: busybox:1.36}
                          dependsOn: [backup]
                        """)), "spec.dependsOn", "DependencyCycle"),
                Arguments.of("parent cycle", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: AlertRule
                        metadata: {name: db-critical, namespace: opsgate-demo}
                        spec:
                          parent: team-db
                          matchers: ['severity="critical"']
                          actions: {notify: {channels: [oncall-mail]}}
                        """)), "spec.parent", "DependencyCycle"),
                Arguments.of("changed Tenant namespace", update(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: Tenant
                        metadata: {name: acme}
                        spec: {namespace: acme-alerts}
                        """), object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: Tenant
                        metadata: {name: acme}
                        spec: {namespace: acme-ops}
                        """)), "spec.namespace", "ImmutableField"),
                Arguments.of("changed storage type", update(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: Tenant
                        metadata: {name: acme}
                        spec:
                          storage: {type: Embedded}
                        """), object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: Tenant
                        metadata: {name: acme}
                        spec:
                          storage: {type: PostgreSQL, postgres: {name: acme-pg}}
                        """)), "spec.storage.type", "ImmutableField"),
                Arguments.of("changed OpsJobRun spec", update(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: OpsJobRun
                        metadata: {name: backup-1, namespace: opsgate-demo}
                        spec: {opsJob: backup, reason: Manual}
                        """), object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: OpsJobRun
                        metadata: {name: backup-1, namespace: opsgate-demo}
                        spec: {opsJob: restore, reason: Manual}
                        """)), "spec", "ImmutableField"),
                Arguments.of("too many rules", create(object(minimalRule("sixth-rule"))), "metadata.name", "LimitExceeded"),
                Arguments.of("namespace of another tenant", create(object("""
                        apiVersion: opsgate.io/v1alpha1
                        kind: Tenant
                        metadata: {name: intruder}
                        spec: {namespace: opsgate-demo}
                        """)), "spec.namespace", "NamespaceTaken"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidObjects")
    void anInvalidObjectIsDeniedNamingTheField(String title, String body, String path, String reason) throws Exception {
        webhook.cluster()
                .opsJob(read(OpsJob.class, """
                        apiVersion: opsgate.io/v1alpha1
                        kind: OpsJob
                        metadata: {name: backup, namespace: opsgate-demo}
                        spec:
                          container: {image: busybox:1.36}
                          schedule: {cron: "0 2 * * *"}
                          dependsOn: [restore]
                        """))
                .alertRule(read(io.opsgate.api.v1alpha1.AlertRule.class, """
                        apiVersion: opsgate.io/v1alpha1
                        kind: AlertRule
                        metadata: {name: team-db, namespace: opsgate-demo}
                        spec:
                          parent: db-critical
                          matchers: ['team="db"']
                          actions: {notify: {channels: [oncall-mail]}}
                        """))
                .objects(io.opsgate.api.v1alpha1.AlertRule.class, NS, 5);

        HttpResponse<String> http = webhook.post("/validate", body);

        assertThat(http.statusCode()).isEqualTo(200);
        JsonNode r = response(http.body());
        assertThat(r.path("allowed").asBoolean()).as(title).isFalse();
        assertThat(r.path("status").path("code").asInt()).isEqualTo(422);
        assertThat(r.path("status").path("reason").asText()).isEqualTo("Invalid");
        assertThat(r.path("status").path("message").asText()).contains(path + ": ");
        List<String> causes = new ArrayList<>();
        r.path("status").path("details").path("causes")
                .forEach(c -> causes.add(c.path("field").asText() + " " + c.path("reason").asText()));
        assertThat(causes).contains(path + " " + reason);
    }

    @Test
    void aReferenceToASecretNotCreatedYetIsAdmittedTheWebhookReadsNoSecret() throws Exception {
        JsonNode r = response(webhook.post("/validate", create(object("""
                apiVersion: opsgate.io/v1alpha1
                kind: OpsJob
                metadata: {name: backup, namespace: opsgate-demo}
                spec:
                  container: {image: busybox:1.36}
                  schedule: {cron: "0 3 * * *"}
                  credentials: [{secretName: not-created-yet}]
                """))).body());
        assertThat(r.path("allowed").asBoolean()).as("%s", r).isTrue();
    }

    @Test
    void aTextConditionSyntaxErrorIsDeniedWithItsPosition() throws Exception {
        JsonNode r = response(webhook.post("/validate", create(object("""
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: bad-text, namespace: opsgate-demo}
                spec:
                  text: (WARN or ERROR) and (testnode_001
                  actions: {drop: true}
                """))).body());
        assertThat(r.path("allowed").asBoolean()).isFalse();
        assertThat(r.path("status").path("message").asText())
                .contains("spec.text: at position 21: ( is not closed");
    }

    @Test
    void everyProblemOfAnObjectIsListedInOneDenial() throws Exception {
        JsonNode r = response(webhook.post("/validate", create(object("""
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: many-problems, namespace: opsgate-demo}
                spec:
                  matchers: ['job=~"("', 'severity="critical"', 'bad matcher']
                  timeZone: Europe/Nowhere
                  actions:
                    notify: {channels: [oncall-mail], repeatInterval: 0s}
                """))).body());

        assertThat(r.path("allowed").asBoolean()).isFalse();
        assertThat(r.path("status").path("message").asText())
                .startsWith("AlertRule \"many-problems\" is invalid: ")
                .contains("spec.matchers[0]: ", "spec.matchers[2]: ", "spec.timeZone: ",
                        "spec.actions.notify.repeatInterval: ")
                .doesNotContain("spec.matchers[1]");
        assertThat(r.path("status").path("details").path("causes")).hasSize(4);
    }

    @Test
    void aTenantCanKeepItsNamespaceAndStorageWhileOtherFieldsChange() throws Exception {
        ObjectNode old = object("""
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  namespace: acme-alerts
                  storage: {type: Embedded}
                """);
        ObjectNode changed = old.deepCopy();
        ((ObjectNode) changed.path("spec")).put("displayName", "ACME Corp");
        JsonNode r = response(webhook.post("/validate", update(old, changed)).body());
        assertThat(r.path("allowed").asBoolean()).as(r.toString()).isTrue();
    }

    @Test
    void aChangeThatLeavesAnInvalidSpecAloneIsAllowedSoFinalizersCanGo() throws Exception {
        ObjectNode stored = object("""
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: legacy, namespace: opsgate-demo, finalizers: [opsgate.io/cleanup]}
                spec:
                  type: Slack
                  secretRef: {name: opsgate-kek}
                """);
        ObjectNode released = stored.deepCopy();
        ((ObjectNode) released.path("metadata")).remove("finalizers");
        ((ObjectNode) released.path("metadata")).put("deletionTimestamp", "2026-11-26T02:00:00Z");
        JsonNode r = response(webhook.post("/validate", update(stored, released)).body());
        assertThat(r.path("allowed").asBoolean()).as(r.toString()).isTrue();

        ObjectNode edited = stored.deepCopy();
        ((ObjectNode) edited.path("spec")).put("sendResolved", false);
        JsonNode denied = response(webhook.post("/validate", update(stored, edited)).body());
        assertThat(denied.path("allowed").asBoolean()).as("a spec change is judged whole").isFalse();
        assertThat(denied.path("status").path("message").asText()).contains("spec.secretRef");
    }

    @Test
    void aRuleWithinTheTenantsLimitIsAllowed() throws Exception {
        webhook.cluster().objects(io.opsgate.api.v1alpha1.AlertRule.class, NS, 4);
        JsonNode r = response(webhook.post("/validate", create(object(minimalRule("fifth-rule")))).body());
        assertThat(r.path("allowed").asBoolean()).as(r.toString()).isTrue();
    }

    @Test
    void whenTheClusterCannotBeReadTheObjectIsDeniedAsUnavailable() throws Exception {
        webhook.cluster().unreachable(true);
        JsonNode r = response(webhook.post("/validate", create(object(minimalRule("while-down")))).body());
        assertThat(r.path("allowed").asBoolean()).isFalse();
        assertThat(r.path("status").path("code").asInt()).isEqualTo(503);
        assertThat(r.path("status").path("message").asText()).contains("try again");
    }

    @Test
    void aKindTheWebhookDoesNotKnowIsDenied() throws Exception {
        JsonNode r = response(webhook.post("/validate", create(object("""
                apiVersion: opsgate.io/v1alpha1
                kind: Widget
                metadata: {name: w, namespace: opsgate-demo}
                spec: {}
                """))).body());
        assertThat(r.path("allowed").asBoolean()).isFalse();
        assertThat(r.path("status").path("message").asText()).contains("Widget.opsgate.io is not a kind this webhook knows");
    }

    @Test
    void deletionIsNotJudged() throws Exception {
        ObjectNode rule = object(minimalRule("going"));
        JsonNode r = response(webhook.post("/validate", review("DELETE", null, rule)).body());
        assertThat(r.path("allowed").asBoolean()).isTrue();
    }

    @Test
    void aBodyThatIsNotAReviewGetsBadRequest() throws Exception {
        HttpResponse<String> r = webhook.post("/validate", "{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("message").asText()).contains("admission.k8s.io/v1");
    }

    private static String minimalRule(String name) {
        return """
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: %s, namespace: opsgate-demo}
                spec:
                  matchers: ['severity="info"']
                  actions: {drop: true}
                """.formatted(name);
    }

    private static List<String> ops(JsonNode patch) {
        List<String> out = new ArrayList<>();
        assertThat(patch).isInstanceOf(ArrayNode.class);
        patch.forEach(op -> out.add(op.path("op").asText() + " " + op.path("path").asText() + " " + op.path("value")));
        return out;
    }

    private static <T> T read(Class<T> type, String yaml) throws Exception {
        return new YAMLMapper().readValue(yaml, type);
    }
}
