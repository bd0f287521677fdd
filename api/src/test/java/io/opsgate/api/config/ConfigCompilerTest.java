package io.opsgate.api.config;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.AlertRuleSpec;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.NotifyAction;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.RuleActions;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.v1alpha1.TenantLimits;
import io.opsgate.api.v1alpha1.TenantSpec;
import io.opsgate.api.validation.Reasons;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigCompilerTest {

    static Tenant tenant(String name) {
        Tenant t = new Tenant();
        t.setMetadata(new ObjectMetaBuilder().withName(name).withGeneration(3L).build());
        t.setSpec(new TenantSpec());
        return t;
    }

    static AlertRule rule(String name, int order, String matcher, String... channels) {
        AlertRule r = new AlertRule();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("opsgate-acme").withGeneration(1L).build());
        AlertRuleSpec spec = new AlertRuleSpec();
        spec.order = order;
        spec.matchers = List.of(matcher);
        spec.actions = new RuleActions();
        if (channels.length == 0) {
            spec.actions.drop = true;
        } else {
            spec.actions.notify = new NotifyAction();
            spec.actions.notify.channels = List.of(channels);
        }
        r.setSpec(spec);
        return r;
    }

    static NotificationChannel webhook(String name) {
        NotificationChannel c = new NotificationChannel();
        c.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("opsgate-acme").withGeneration(1L).build());
        NotificationChannelSpec spec = new NotificationChannelSpec();
        spec.type = NotificationChannelSpec.ChannelType.Webhook;
        spec.webhook = new NotificationChannelSpec.WebhookSettings();
        spec.webhook.url = "https://hooks.acme.example/x";
        c.setSpec(spec);
        return c;
    }

    static OpsJob job(String name, String... deps) {
        OpsJob j = new OpsJob();
        j.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("opsgate-acme").withGeneration(1L).build());
        OpsJobSpec spec = new OpsJobSpec();
        spec.container = new OpsJobSpec.JobContainer();
        spec.container.image = "busybox:1.36";
        spec.dependsOn = new ArrayList<>(List.of(deps));
        if (deps.length == 0) {
            spec.schedule = new OpsJobSpec.ScheduleSpec();
            spec.schedule.cron = "@daily";
        }
        j.setSpec(spec);
        return j;
    }

    @Test
    void anInvalidRuleIsLeftOutWhileValidOnesKeepWorking() {
        Compilation c = ConfigCompiler.compile(new TenantResources(tenant("acme"),
                List.of(rule("good", 10, "severity=\"critical\"", "hook"), rule("bad", 5, "job=~\"(\"")),
                null, List.of(webhook("hook")), null, null));
        assertThat(c.config().alertRules).extracting(r -> r.name).containsExactly("good");
        assertThat(c.resultFor("AlertRule", "bad").reason()).isEqualTo(Reasons.INVALID_MATCHER);
        assertThat(c.resultFor("AlertRule", "bad").message()).startsWith("spec.matchers[0]:");
        assertThat(c.config().excluded).extracting(e -> e.name, e -> e.reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bad", Reasons.INVALID_MATCHER));
        assertThat(c.resultFor("AlertRule", "good").isValid()).isTrue();
    }

    @Test
    void rulesAreInEvaluationOrderThenByName() {
        Compilation c = ConfigCompiler.compile(new TenantResources(tenant("acme"),
                List.of(rule("c", 20, "a=b"), rule("b", 10, "a=b"), rule("a", 20, "a=b")), null, null, null, null));
        assertThat(c.config().alertRules).extracting(r -> r.name).containsExactly("b", "a", "c");
    }

    @Test
    void aRuleNotifyingAMissingOrInvalidChannelIsLeftOut() {
        NotificationChannel broken = webhook("broken");
        broken.getSpec().webhook.url = null;
        Compilation c = ConfigCompiler.compile(new TenantResources(tenant("acme"),
                List.of(rule("r1", 1, "a=b", "nope"), rule("r2", 2, "a=b", "broken")), null, List.of(broken), null, null));
        assertThat(c.config().alertRules).isEmpty();
        assertThat(c.resultFor("AlertRule", "r1").errors().get(0).path()).isEqualTo("spec.actions.notify.channels[0]");
        assertThat(c.resultFor("AlertRule", "r1").reason()).isEqualTo(Reasons.UNKNOWN_CHANNEL);
        assertThat(c.resultFor("AlertRule", "r2").reason()).isEqualTo(Reasons.UNKNOWN_CHANNEL);
        assertThat(c.resultFor("NotificationChannel", "broken").reason()).isEqualTo(Reasons.MISSING_FIELD);
    }

    @Test
    void jobCyclesAreRefusedForEveryJobOnTheCycle() {
        Compilation c = ConfigCompiler.compile(new TenantResources(tenant("acme"), null, null, null,
                List.of(job("root"), job("a", "root", "c"), job("b", "a"), job("c", "b"), job("d", "root")), null));
        assertThat(c.config().opsJobs).extracting(j -> j.name).containsExactly("d", "root");
        for (String j : List.of("a", "b", "c")) {
            assertThat(c.resultFor("OpsJob", j).reason()).isEqualTo(Reasons.DEPENDENCY_CYCLE);
        }
        assertThat(c.resultFor("OpsJob", "a").message()).contains("a -> c -> b -> a");
    }

    @Test
    void unknownDependencyAndTriggerRuleAreNamed() {
        OpsJob triggered = job("t");
        triggered.getSpec().schedule = null;
        triggered.getSpec().trigger = new OpsJobSpec.TriggerSpec();
        triggered.getSpec().trigger.alertRule = "no-such-rule";
        Compilation c = ConfigCompiler.compile(new TenantResources(tenant("acme"), null, null, null,
                List.of(triggered, job("x", "ghost")), null));
        assertThat(c.resultFor("OpsJob", "t").errors().get(0).path()).isEqualTo("spec.trigger.alertRule");
        assertThat(c.resultFor("OpsJob", "x").errors().get(0).path()).isEqualTo("spec.dependsOn[0]");
        assertThat(c.config().opsJobs).isEmpty();
    }

    static AlertRule child(String name, String parent, int order, String matcher) {
        AlertRule r = rule(name, order, matcher);
        r.getSpec().parent = parent;
        return r;
    }

    @Test
    void childRulesNeedAValidRoutingParentOffACycleAndFallWithIt() {
        AlertRule silenceOnly = rule("maintenance", 1, "a=b");
        silenceOnly.getSpec().actions.drop = null;
        silenceOnly.getSpec().actions.silence = new io.opsgate.api.v1alpha1.SilenceAction();
        Compilation c = ConfigCompiler.compile(new TenantResources(tenant("acme"), List.of(
                rule("root", 1000, "a=b"),
                child("db", "root", 1, "team=db"),
                child("db-critical", "db", 1, "severity=critical"),
                child("orphan", "ghost", 1, "a=b"),
                child("orphan-child", "orphan", 1, "a=b"),
                child("loop-a", "loop-b", 1, "a=b"),
                child("loop-b", "loop-a", 1, "a=b"),
                child("under-silence", "maintenance", 1, "a=b"),
                silenceOnly), null, null, null, null));
        assertThat(c.config().alertRules).extracting(r -> r.name)
                .containsExactlyInAnyOrder("root", "db", "db-critical", "maintenance");
        assertThat(c.resultFor("AlertRule", "orphan").reason()).isEqualTo(Reasons.UNKNOWN_ALERT_RULE);
        assertThat(c.resultFor("AlertRule", "orphan").errors().get(0).path()).isEqualTo("spec.parent");
        assertThat(c.resultFor("AlertRule", "orphan-child").reason()).as("its parent is left out")
                .isEqualTo(Reasons.UNKNOWN_ALERT_RULE);
        assertThat(c.resultFor("AlertRule", "loop-a").reason()).isEqualTo(Reasons.DEPENDENCY_CYCLE);
        assertThat(c.resultFor("AlertRule", "loop-a").message()).contains("loop-a -> loop-b -> loop-a");
        assertThat(c.resultFor("AlertRule", "loop-b").reason()).isEqualTo(Reasons.DEPENDENCY_CYCLE);
        assertThat(c.resultFor("AlertRule", "under-silence").reason()).isEqualTo(Reasons.INVALID_VALUE);
        assertThat(c.resultFor("AlertRule", "under-silence").message()).contains("cannot be a parent");
    }

    @Test
    void aRuleCannotBeItsOwnParent() {
        Compilation c = ConfigCompiler.compile(new TenantResources(tenant("acme"),
                List.of(child("self", "self", 1, "a=b")), null, null, null, null));
        assertThat(c.resultFor("AlertRule", "self").reason()).isEqualTo(Reasons.DEPENDENCY_CYCLE);
        assertThat(c.config().alertRules).isEmpty();
    }

    @Test
    void theRuleLimitKeepsTheFirstRulesInEvaluationOrder() {
        Tenant t = tenant("acme");
        t.getSpec().limits = new TenantLimits();
        t.getSpec().limits.maxAlertRules = 2;
        Compilation c = ConfigCompiler.compile(new TenantResources(t,
                List.of(rule("r3", 3, "a=b"), rule("r1", 1, "a=b"), rule("r2", 2, "a=b")), null, null, null, null));
        assertThat(c.config().alertRules).extracting(r -> r.name).containsExactly("r1", "r2");
        assertThat(c.resultFor("AlertRule", "r3").reason()).isEqualTo(Reasons.LIMIT_EXCEEDED);
    }

    @Test
    void theDocumentRoundTripsAndItsHashChangesOnlyWithItsContent() throws IOException {
        TenantResources in = new TenantResources(tenant("acme"), List.of(rule("r", 1, "a=b", "hook")), null,
                List.of(webhook("hook")), null, List.of(new TokenEntry("t", TokenEntry.hash("secret"), List.of(), null)));
        CompiledConfig a = ConfigCompiler.compile(in).config();
        CompiledConfig b = ConfigCompiler.compile(in).config();
        assertThat(a.hash).isEqualTo(b.hash).hasSize(64);
        byte[] bytes = CompiledConfigCodec.write(a);
        assertThat(new String(bytes)).doesNotContain("\"secret\"");
        CompiledConfig read = CompiledConfigCodec.read(bytes);
        assertThat(read.hash).isEqualTo(a.hash);
        assertThat(read.alertRules.get(0).spec.matchers).containsExactly("a=b");
        assertThat(read.tokens.get(0).sha256).isEqualTo(TokenEntry.hash("secret"));

        in.alertRules().get(0).getSpec().order = 2;
        assertThat(ConfigCompiler.compile(in).config().hash).isNotEqualTo(a.hash);

        String tampered = new String(bytes).replace("a=b", "a=c");
        assertThatThrownBy(() -> CompiledConfigCodec.read(tampered.getBytes())).hasMessageContaining("hash mismatch");
    }
}
