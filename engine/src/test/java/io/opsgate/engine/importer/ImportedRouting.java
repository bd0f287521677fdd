package io.opsgate.engine.importer;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.opsgate.api.config.Compilation;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.ConfigCompiler;
import io.opsgate.api.config.ManifestReader;
import io.opsgate.api.config.ManifestSet;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.v1alpha1.TenantSpec;
import io.opsgate.engine.alerting.CompiledRule;
import io.opsgate.engine.alerting.RuleIndex;
import io.opsgate.engine.alerting.RuleSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The imported objects as the engine runs them: read back from the YAML with the standalone engine's
 * reader, compiled with the operator's compiler, evaluated with the engine's own {@link RuleSet}. Tells
 * which Alertmanager receivers an alert reaches, and checks on the way that each rule notifies exactly the
 * channels made from its receiver.
 */
final class ImportedRouting {
    private final CompiledConfig config;
    private final RuleSet rules;
    private final Map<String, String> receiverOfRule = new HashMap<>();
    private final Map<String, List<String>> channelsOfReceiver = new HashMap<>();

    ImportedRouting(ImportResult result) {
        ManifestSet set = new ManifestSet();
        ManifestReader.read("imported.yaml", result.yaml(), set);
        assertThat(set.errors).isEmpty();
        Tenant tenant = new Tenant();
        tenant.setMetadata(new ObjectMetaBuilder().withName("acme").withGeneration(1L).build());
        tenant.setSpec(new TenantSpec());
        Compilation c = ConfigCompiler.compile(set.forTenant(tenant, List.of()));
        assertThat(c.config().excluded).as("objects the compiler left out").isEmpty();
        this.config = c.config();
        this.rules = RuleSet.compile(config.alertRules);
        for (AlertRule r : set.alertRules) {
            String receiver = r.getMetadata().getAnnotations().get("opsgate.io/alertmanager-receiver");
            if (receiver != null) {
                receiverOfRule.put(r.getMetadata().getName(), receiver);
            }
        }
        for (NotificationChannel ch : set.notificationChannels) {
            channelsOfReceiver.computeIfAbsent(ch.getMetadata().getAnnotations().get("opsgate.io/alertmanager-receiver"),
                    k -> new ArrayList<>()).add(ch.getMetadata().getName());
        }
    }

    RuleSet rules() {
        return rules;
    }

    CompiledConfig config() {
        return config;
    }

    /** The receivers the alert reaches, in order, as the receivers of the rules that take it. */
    List<String> receivers(Map<String, String> labels) {
        return taking(labels).stream().map(receiverOfRule::get).toList();
    }

    /** The names of the rules that take the alert, in order; checks their channels on the way. */
    List<String> taking(Map<String, String> labels) {
        List<String> result = new ArrayList<>();
        for (CompiledRule r : rules.route(labels, 0L, new RuleIndex.Candidates())) {
            String receiver = receiverOfRule.get(r.name);
            assertThat(receiver).as("rule %s comes from a route", r.name).isNotNull();
            List<String> notified = r.notify == null ? List.of() : r.notify.channels();
            assertThat(notified).as("channels of rule %s (receiver %s)", r.name, receiver)
                    .containsExactlyInAnyOrderElementsOf(channelsOfReceiver.getOrDefault(receiver, List.of()));
            result.add(r.name);
        }
        return result;
    }
}
