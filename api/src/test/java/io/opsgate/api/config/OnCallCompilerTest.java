package io.opsgate.api.config;

import io.opsgate.api.validation.FieldError;
import io.opsgate.api.validation.Reasons;
import io.opsgate.api.v1alpha1.Tenant;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The on-call kinds in the compiled configuration: what is kept, what is excluded and why, and that
 * references only ever resolve inside the tenant's own namespace.
 */
class OnCallCompilerTest {

    private static final String TENANTS = """
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: alpha}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: beta}
            """;

    private static String channels(String ns) {
        return """
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: phone, namespace: NS}
                spec:
                  type: CallOut
                  secretRef: {name: twilio}
                  callOut: {from: "+15005550006"}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: mail, namespace: NS}
                spec:
                  type: Email
                  email: {to: [ops@example.com], from: opsgate@example.com, host: smtp.example.com}
                """.replace("NS", ns);
    }

    private static String schedule(String ns, String name, boolean callOut) {
        return """
                apiVersion: opsgate.io/v1alpha1
                kind: OnCallSchedule
                metadata: {name: NAME, namespace: NS}
                spec:
                  timeZone: Asia/Tokyo
                  layers:
                    - name: weekly
                      start: "2026-01-05T09:00:00+09:00"
                      people: [taro, hanako]
                      rotation: {type: Weekly}
                """.replace("NS", ns).replace("NAME", name) + (callOut ? "  callOut: {channel: phone}\n" : "");
    }

    private static String rule(String ns, String levelYaml) {
        return """
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: page, namespace: NS}
                spec:
                  actions:
                    ticket: {priority: P1}
                    escalate:
                      levels:
                        - after: 5m
                          LEVEL
                """.replace("NS", ns).replace("LEVEL", levelYaml);
    }

    private static Compilation compile(String tenant, String... docs) {
        ManifestSet set = new ManifestSet();
        ManifestReader.read("tenants", TENANTS, set);
        for (int i = 0; i < docs.length; i++) {
            ManifestReader.read("doc" + i, docs[i], set);
        }
        assertThat(set.errors).isEmpty();
        Tenant t = set.tenant(tenant).orElseThrow();
        return ConfigCompiler.compile(set.forTenant(t, List.of()));
    }

    private static List<FieldError> errors(Compilation c, String kind, String name) {
        return c.resultFor(kind, name).errors();
    }

    @Test
    void validOnCallObjectsAreCompiledAndARuleMayEscalateToThem() {
        Compilation c = compile("alpha", channels("opsgate-alpha"), schedule("opsgate-alpha", "primary", true), """
                apiVersion: opsgate.io/v1alpha1
                kind: ContactGroup
                metadata: {name: db-team, namespace: opsgate-alpha}
                spec:
                  members: [{schedule: primary}, {person: jiro}]
                  rounds: 2
                  callOut: {channel: phone}
                  fallback: {channel: mail}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: OperationsSuspension
                metadata: {name: maintenance, namespace: opsgate-alpha}
                spec:
                  reason: storage migration
                  requestedBy: alice
                  window: {start: "2026-03-14T22:00:00+09:00", end: "2026-03-15T06:00:00+09:00"}
                  suspend: [AlertTriggeredJobs, CallOuts]
                """, rule("opsgate-alpha", "schedules: [primary]\n          contactGroups: [db-team]"));

        assertThat(c.config().excluded).isEmpty();
        assertThat(c.config().onCallSchedules).extracting(s -> s.name).containsExactly("primary");
        assertThat(c.config().contactGroups).extracting(s -> s.name).containsExactly("db-team");
        assertThat(c.config().operationsSuspensions).extracting(s -> s.name).containsExactly("maintenance");
        assertThat(c.config().alertRules).extracting(r -> r.name).containsExactly("page");
    }

    @Test
    void aScheduleOrGroupOfAnotherTenantCannotBeReferenced() {
        // alpha has the schedule and the group; beta's rule names them and is refused, as if they did not exist.
        String alphaObjects = schedule("opsgate-alpha", "primary", true) + "---\n" + """
                apiVersion: opsgate.io/v1alpha1
                kind: ContactGroup
                metadata: {name: db-team, namespace: opsgate-alpha}
                spec:
                  members: [{person: jiro}]
                  callOut: {channel: phone}
                """;
        Compilation beta = compile("beta", channels("opsgate-alpha"), channels("opsgate-beta"), alphaObjects,
                rule("opsgate-beta", "schedules: [primary]\n          contactGroups: [db-team]"));

        assertThat(errors(beta, "AlertRule", "page")).extracting(FieldError::path, FieldError::reason).containsExactly(
                tuple("spec.actions.escalate.levels[0].schedules[0]", Reasons.UNKNOWN_ON_CALL_SCHEDULE),
                tuple("spec.actions.escalate.levels[0].contactGroups[0]", Reasons.UNKNOWN_CONTACT_GROUP));
        assertThat(beta.config().alertRules).isEmpty();
        assertThat(beta.config().onCallSchedules).isEmpty();
        assertThat(beta.config().excluded).extracting(x -> x.kind, x -> x.reason)
                .containsExactly(tuple("AlertRule", Reasons.UNKNOWN_ON_CALL_SCHEDULE));

        Compilation alpha = compile("alpha", channels("opsgate-alpha"), alphaObjects,
                rule("opsgate-beta", "schedules: [primary]"));
        assertThat(alpha.config().alertRules).as("beta's rule is not alpha's").isEmpty();
        assertThat(alpha.config().onCallSchedules).hasSize(1);
    }

    @Test
    void aScheduleNamedInEscalationNeedsCallOutSettings() {
        Compilation c = compile("alpha", channels("opsgate-alpha"), schedule("opsgate-alpha", "primary", false),
                rule("opsgate-alpha", "schedules: [primary]"));
        assertThat(errors(c, "AlertRule", "page")).extracting(FieldError::reason)
                .containsExactly(Reasons.CALL_OUT_NOT_CONFIGURED);
        assertThat(c.config().onCallSchedules).as("the schedule itself is fine").hasSize(1);
    }

    @Test
    void callOutChannelsAreOnlyForCallOutsAndCallOutsNeedOne() {
        Compilation c = compile("alpha", channels("opsgate-alpha"), """
                apiVersion: opsgate.io/v1alpha1
                kind: ContactGroup
                metadata: {name: by-mail, namespace: opsgate-alpha}
                spec:
                  members: [{person: jiro}]
                  callOut: {channel: mail}
                  fallback: {channel: phone}
                """, rule("opsgate-alpha", "channels: [phone]"));

        assertThat(errors(c, "ContactGroup", "by-mail")).extracting(FieldError::path, FieldError::reason).containsExactly(
                tuple("spec.callOut.channel", Reasons.CHANNEL_TYPE_MISMATCH),
                tuple("spec.fallback.channel", Reasons.CHANNEL_TYPE_MISMATCH));
        assertThat(errors(c, "AlertRule", "page")).extracting(FieldError::path, FieldError::reason).containsExactly(
                tuple("spec.actions.escalate.levels[0].channels[0]", Reasons.CHANNEL_TYPE_MISMATCH));
    }

    @Test
    void groupsThatFallBackInACircleOrToAnInvalidGroupAreExcluded() {
        String group = """
                apiVersion: opsgate.io/v1alpha1
                kind: ContactGroup
                metadata: {name: NAME, namespace: opsgate-alpha}
                spec:
                  members: [MEMBER]
                  callOut: {channel: phone}
                  fallback: {contactGroup: NEXT}
                """;
        Compilation c = compile("alpha", channels("opsgate-alpha"),
                group.replace("NAME", "a").replace("MEMBER", "{person: ann}").replace("NEXT", "b"),
                group.replace("NAME", "b").replace("MEMBER", "{person: ben}").replace("NEXT", "a"),
                group.replace("NAME", "c").replace("MEMBER", "{person: cid}").replace("NEXT", "d"),
                group.replace("NAME", "d").replace("MEMBER", "{schedule: missing}").replace("NEXT", "e"),
                group.replace("NAME", "e").replace("MEMBER", "{person: eve}").replace("  fallback: {contactGroup: NEXT}\n", ""));

        assertThat(errors(c, "ContactGroup", "a")).extracting(FieldError::reason).containsExactly(Reasons.FALLBACK_CYCLE);
        assertThat(errors(c, "ContactGroup", "a").get(0).message()).contains("a -> b -> a");
        assertThat(errors(c, "ContactGroup", "d")).extracting(FieldError::reason)
                .containsExactly(Reasons.UNKNOWN_ON_CALL_SCHEDULE);
        assertThat(errors(c, "ContactGroup", "c")).extracting(FieldError::reason)
                .containsExactly(Reasons.UNKNOWN_CONTACT_GROUP);
        assertThat(c.config().contactGroups).extracting(g -> g.name).containsExactly("e");
    }

    @Test
    void theOnCallExampleCompilesWithNothingExcluded() throws IOException {
        ManifestSet set = ManifestReader.readDirectory(io.opsgate.api.crd.CrdFiles.repoRoot().resolve("examples/oncall"));
        assertThat(set.errors).isEmpty();
        Compilation c = ConfigCompiler.compile(set.forTenant(set.tenants.get(0), List.of()));
        assertThat(c.config().excluded).isEmpty();
        assertThat(c.config().onCallSchedules).extracting(s -> s.name).containsExactly("primary", "secondary");
        assertThat(c.config().contactGroups).extracting(s -> s.name).containsExactly("db-team");
        assertThat(c.config().operationsSuspensions).extracting(s -> s.name)
                .containsExactly("saturday-array-service", "storage-migration");
        assertThat(c.config().alertRules).extracting(r -> r.name).containsExactly("database-down");
    }

    @Test
    void aTenantWithoutOnCallObjectsKeepsItsConfigurationHash() throws IOException {
        Compilation c = compile("alpha", channels("opsgate-alpha"));
        String json = new String(CompiledConfigCodec.write(c.config()), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("onCallSchedules", "contactGroups", "operationsSuspensions");
        CompiledConfig back = CompiledConfigCodec.read(CompiledConfigCodec.write(c.config()));
        assertThat(back.onCallSchedules).isEmpty();
    }

    @Test
    void onCallObjectsSurviveTheRoundTripThroughTheCompiledDocument() throws IOException {
        Compilation c = compile("alpha", channels("opsgate-alpha"), schedule("opsgate-alpha", "primary", true));
        CompiledConfig back = CompiledConfigCodec.read(CompiledConfigCodec.write(c.config()));
        assertThat(back.onCallSchedules).singleElement().satisfies(s -> {
            assertThat(s.spec.layers.get(0).people).containsExactly("taro", "hanako");
            assertThat(s.spec.callOut.channel).isEqualTo("phone");
        });
        assertThat(back.hash).isEqualTo(c.config().hash);
    }
}
