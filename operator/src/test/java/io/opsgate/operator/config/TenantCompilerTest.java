package io.opsgate.operator.config;

import io.opsgate.api.config.Compilation;
import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TenantCompilerTest {

    @Test
    void appliesDefaultsToCopiesAndLeavesInvalidObjectsOut() {
        Tenant tenant = Fixtures.tenant("acme");
        AlertRule good = Fixtures.rule("opsgate-acme", "good", "severity=\"critical\"");
        AlertRule bad = Fixtures.rule("opsgate-acme", "bad", "alertname=~\"(\"");
        Compilation c = TenantCompiler.compileUncached(tenant, new NamespaceObjects(List.of(good, bad), List.of(),
                List.of(), List.of(), List.of()), new EgressGuard());
        assertThat(c.config().alertRules).extracting(n -> n.name).containsExactly("good");
        assertThat(c.config().alertRules.get(0).spec.order).as("defaulted").isEqualTo(1000);
        assertThat(good.getSpec().order).as("the cached object is not touched").isNull();
        assertThat(c.config().tenantSpec.quota.cpu).isEqualTo("4");
        assertThat(tenant.getSpec().quota).isNull();
        assertThat(c.resultFor("AlertRule", "bad").reason()).isEqualTo("InvalidMatcher");
        assertThat(c.resultFor("AlertRule", "bad").message()).startsWith("spec.matchers[0]: ");
    }

    @Test
    void remembersTheCompilationUntilAnInputChanges() {
        TenantCompiler compiler = new TenantCompiler(new EgressGuard());
        Tenant tenant = Fixtures.tenant("acme");
        AlertRule rule = Fixtures.rule("opsgate-acme", "good", "severity=\"critical\"");
        rule.getMetadata().setResourceVersion("1");
        NamespaceObjects objects = new NamespaceObjects(List.of(rule), List.of(), List.of(), List.of(), List.of());
        Compilation first = compiler.compile(tenant, objects);
        assertThat(compiler.compile(tenant, objects)).isSameAs(first);
        rule.getMetadata().setResourceVersion("2");
        assertThat(compiler.compile(tenant, objects)).isNotSameAs(first);
    }

    @Test
    void channelSecretsListTheKeysEachTypeReadsFromValidChannelsOnly() {
        NotificationChannel slack = channel("slack", NotificationChannelSpec.ChannelType.Slack, "shared");
        NotificationChannel pd = channel("pd", NotificationChannelSpec.ChannelType.PagerDuty, "shared");
        NotificationChannel hook = channel("hook", NotificationChannelSpec.ChannelType.Webhook, "hooks");
        hook.getSpec().webhook = new NotificationChannelSpec.WebhookSettings();
        hook.getSpec().webhook.url = "https://hooks.example/x";
        NotificationChannel broken = channel("broken", NotificationChannelSpec.ChannelType.Email, "smtp");
        Compilation c = TenantCompiler.compileUncached(Fixtures.tenant("acme"),
                new NamespaceObjects(List.of(), List.of(), List.of(slack, pd, hook, broken), List.of(), List.of()),
                new EgressGuard());
        assertThat(c.resultFor("NotificationChannel", "broken").isValid()).as("email without settings").isFalse();
        assertThat(ChannelSecrets.of(c.config())).containsExactly(
                new ChannelSecret("hooks", List.of("hmacKey", "url")),
                new ChannelSecret("shared", List.of("routingKey", "url")));
    }

    private static NotificationChannel channel(String name, NotificationChannelSpec.ChannelType type, String secret) {
        return Fixtures.channel("opsgate-acme", name, type, secret);
    }

}
