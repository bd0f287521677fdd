package io.opsgate.operator.config;

import io.opsgate.api.egress.EgressGuard;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.opsgate.api.config.Compilation;
import io.opsgate.api.config.OnCallResources;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.ContactGroup;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.OnCallSchedule;
import io.opsgate.api.v1alpha1.OperationsSuspension;
import io.opsgate.api.v1alpha1.OpsgateApi;
import io.opsgate.operator.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The on-call kinds in a cluster: the operator feeds a namespace's OnCallSchedules, ContactGroups and
 * OperationsSuspensions into the tenant's compiled configuration (an AlertRule naming them is no longer excluded),
 * notify gets exactly the contacts Secret's entries of the people they name, and tenant B cannot reference a
 * schedule or group of tenant A.
 */
class OnCallCompileTest {

    static <T> T yaml(String text, Class<T> type) {
        return Serialization.unmarshal(text, type);
    }

    static OnCallSchedule schedule(String ns) {
        return yaml("""
                apiVersion: opsgate.io/v1alpha1
                kind: OnCallSchedule
                metadata: {name: primary, namespace: %s}
                spec:
                  layers:
                    - {name: a, start: "2026-01-05T09:00:00+09:00", people: [taro, hanako], rotation: {type: Weekly}}
                  overrides:
                    - {person: jiro, start: "2026-05-04T13:00:00+09:00", end: "2026-05-04T18:00:00+09:00"}
                  callOut: {channel: phone}
                """.formatted(ns), OnCallSchedule.class);
    }

    static ContactGroup group(String ns) {
        return yaml("""
                apiVersion: opsgate.io/v1alpha1
                kind: ContactGroup
                metadata: {name: db-team, namespace: %s}
                spec:
                  members: [{schedule: primary}, {person: yoko}]
                  callOut: {channel: phone}
                """.formatted(ns), ContactGroup.class);
    }

    static NotificationChannel phone(String ns) {
        return yaml("""
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: phone, namespace: %s}
                spec:
                  type: CallOut
                  callOut: {from: "+15005550006"}
                  secretRef: {name: twilio}
                """.formatted(ns), NotificationChannel.class);
    }

    static AlertRule escalating(String ns) {
        return yaml("""
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: db, namespace: %s}
                spec:
                  matchers: ['service="db"']
                  actions:
                    ticket: {priority: P1}
                    escalate:
                      levels:
                        - {after: 5m, schedules: [primary]}
                        - {after: 15m, contactGroups: [db-team]}
                """.formatted(ns), AlertRule.class);
    }

    static OperationsSuspension suspension(String ns) {
        return yaml("""
                apiVersion: opsgate.io/v1alpha1
                kind: OperationsSuspension
                metadata: {name: migration, namespace: %s}
                spec:
                  reason: storage migration
                  requestedBy: taro@acme.example
                  window: {start: "2026-03-14T22:00:00+09:00", end: "2026-03-15T06:00:00+09:00"}
                  suspend: [AlertTriggeredJobs]
                """.formatted(ns), OperationsSuspension.class);
    }

    @Test
    void theOnCallKindsAreCompiledAndARuleNamingThemIsValid() {
        String ns = "opsgate-acme";
        Compilation c = TenantCompiler.compileUncached(Fixtures.tenant("acme"), new NamespaceObjects(
                List.of(escalating(ns)), List.of(), List.of(phone(ns)), List.of(), List.of(), List.of(),
                new OnCallResources(List.of(schedule(ns)), List.of(group(ns)), List.of(suspension(ns)))), new EgressGuard());
        assertThat(c.resultFor("AlertRule", "db").isValid()).as(c.resultFor("AlertRule", "db").message()).isTrue();
        assertThat(c.config().onCallSchedules).extracting(n -> n.name).containsExactly("primary");
        assertThat(c.config().contactGroups).extracting(n -> n.name).containsExactly("db-team");
        assertThat(c.config().operationsSuspensions).extracting(n -> n.name).containsExactly("migration");
        assertThat(c.config().contactGroups.get(0).spec.rounds).as("defaulted").isEqualTo(1);

        assertThat(ChannelSecrets.of(c.config())).containsExactly(
                new ChannelSecret(OpsgateApi.CONTACTS_SECRET, List.of("hanako", "jiro", "taro", "yoko")),
                new ChannelSecret("twilio", List.of("accountSid", "authToken")));
    }

    @Test
    void aScheduleOrGroupOfTenantACannotBeReferencedFromTenantB() {
        // Tenant A has them; tenant B's namespace holds only its rule naming them: the compiler sees B's objects only.
        Compilation a = TenantCompiler.compileUncached(Fixtures.tenant("alpha"), new NamespaceObjects(
                List.of(), List.of(), List.of(phone("opsgate-alpha")), List.of(), List.of(), List.of(),
                new OnCallResources(List.of(schedule("opsgate-alpha")), List.of(group("opsgate-alpha")), List.of())), new EgressGuard());
        assertThat(a.config().onCallSchedules).hasSize(1);
        Compilation b = TenantCompiler.compileUncached(Fixtures.tenant("beta"), new NamespaceObjects(
                List.of(escalating("opsgate-beta")), List.of(), List.of(phone("opsgate-beta")), List.of(), List.of(), List.of(),
                OnCallResources.NONE), new EgressGuard());
        assertThat(b.resultFor("AlertRule", "db").isValid()).isFalse();
        assertThat(b.resultFor("AlertRule", "db").reason()).isIn("UnknownOnCallSchedule", "UnknownContactGroup");
        assertThat(b.config().alertRules).isEmpty();
        assertThat(ChannelSecrets.of(b.config())).extracting(ChannelSecret::secretName).doesNotContain(OpsgateApi.CONTACTS_SECRET);
    }
}
