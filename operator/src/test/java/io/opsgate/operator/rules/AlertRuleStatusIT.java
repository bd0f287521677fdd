package io.opsgate.operator.rules;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.CompiledConfigCodec;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.AlertRuleSpec;
import io.opsgate.api.v1alpha1.NotifyAction;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AlertRuleStatusIT {

    static final String NS = "opsgate-acme";
    @RegisterExtension
    final MockCluster cluster = MockCluster.runningOperator().withDeploymentController();

    @Test
    void aBadRegexIsReportedOnTheRuleAndLeftOutOfTheCompiledSecretUntilFixed() {
        cluster.create(Fixtures.tenant("acme"));
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().namespaces().withName(NS).get() != null);
        cluster.create(Fixtures.rule(NS, "good", "severity=\"critical\""));
        cluster.create(Fixtures.rule(NS, "bad", "alertname=~\"(unclosed\""));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Condition ready = ready("bad");
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo("InvalidMatcher");
            assertThat(ready.getMessage()).startsWith("spec.matchers[0]: ");
            assertThat(Conditions.isTrue(rule("bad").getStatus().conditions, ConditionTypes.STALLED)).isTrue();
            assertThat(rule("bad").getStatus().observedGeneration).isEqualTo(rule("bad").getMetadata().getGeneration());
            assertThat(ready("good").getStatus()).isEqualTo("True");
            assertThat(ruleNames(compiled())).containsExactly("good");
            assertThat(compiled().excluded).anySatisfy(x -> {
                assertThat(x.name).isEqualTo("bad");
                assertThat(x.reason).isEqualTo("InvalidMatcher");
            });
            assertThat(tenant().getStatus()).isNotNull();
            assertThat(tenant().getStatus().counts.alertRules).isEqualTo(1);
            assertThat(tenant().getStatus().counts.invalid).isEqualTo(1);
        });

        AlertRule bad = rule("bad");
        bad.getSpec().matchers = new ArrayList<>(List.of("alertname=~\"(closed)\""));
        cluster.client().resource(bad).update();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ready("bad").getStatus()).isEqualTo("True");
            assertThat(ruleNames(compiled())).containsExactly("bad", "good");
            assertThat(compiled().excluded).isEmpty();
        });
    }

    @Test
    void theCountsIngestWritesAndTheConditionsTheOperatorWritesBothSurvive() {
        cluster.create(Fixtures.tenant("acme"));
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().namespaces().withName(NS).get() != null);
        cluster.create(Fixtures.rule(NS, "page", "severity=\"critical\""));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ready("page").getStatus()).isEqualTo("True"));

        // What ingest sends: a merge patch of the status subresource with its own fields only.
        cluster.client().resources(AlertRule.class).inNamespace(NS).withName("page").subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), """
                        {"status": {"hits": {"lastHour": 7, "total": 42, "dropped": 42,
                          "lastMatch": "2026-03-02T10:00:00Z", "since": "2026-03-01T00:00:00Z"}, "shadow": null}}""");
        assertThat(ready("page").getStatus()).as("ingest's patch leaves the conditions").isEqualTo("True");

        // The operator re-validates after a spec change and writes its conditions again.
        AlertRule changed = rule("page");
        changed.getSpec().matchers = new ArrayList<>(List.of("severity=\"warning\""));
        cluster.client().resource(changed).update();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AlertRule r = rule("page");
            assertThat(r.getStatus().observedGeneration).isEqualTo(r.getMetadata().getGeneration());
            assertThat(ready("page").getStatus()).isEqualTo("True");
        });
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            AlertRule r = rule("page");
            assertThat(r.getStatus().hits).as("the operator keeps ingest's counts").isNotNull();
            assertThat(r.getStatus().hits.lastHour).isEqualTo(7L);
            assertThat(r.getStatus().hits.total).isEqualTo(42L);
            assertThat(r.getStatus().hits.since).isEqualTo("2026-03-01T00:00:00Z");
        });
    }

    @Test
    void aRuleNamingAMissingChannelSaysUnknownChannel() {
        cluster.create(Fixtures.tenant("acme"));
        AlertRule rule = Fixtures.rule(NS, "page", "severity=\"critical\"");
        AlertRuleSpec spec = rule.getSpec();
        spec.actions.drop = null;
        spec.actions.notify = new NotifyAction();
        spec.actions.notify.channels = new ArrayList<>(List.of("nowhere"));
        cluster.create(rule);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Condition ready = ready("page");
            assertThat(ready.getReason()).isEqualTo("UnknownChannel");
            assertThat(ready.getMessage()).startsWith("spec.actions.notify.channels[0]: ");
        });
    }

    private Condition ready(String name) {
        AlertRule r = rule(name);
        assertThat(r.getStatus()).isNotNull();
        return Conditions.find(r.getStatus().conditions, ConditionTypes.READY).orElseThrow();
    }

    private AlertRule rule(String name) {
        return cluster.client().resources(AlertRule.class).inNamespace(NS).withName(name).get();
    }

    private Tenant tenant() {
        return cluster.client().resources(Tenant.class).withName("acme").get();
    }

    private CompiledConfig compiled() throws Exception {
        Secret s = cluster.client().secrets().inNamespace(NS).withName("opsgate-config").get();
        assertThat(s).isNotNull();
        return CompiledConfigCodec.read(Base64.getDecoder().decode(s.getData().get("config.json")));
    }

    private static List<String> ruleNames(CompiledConfig c) {
        return c.alertRules.stream().map((NamedSpec<AlertRuleSpec> n) -> n.name).toList();
    }
}
