package io.opsgate.operator.tenant;

import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** WATCH_NAMESPACES limits the operator to the tenants of those namespaces. */
class WatchNamespacesIT {

    @RegisterExtension
    final MockCluster cluster = MockCluster.runningOperator().withDeploymentController().watching("opsgate-acme");

    @Test
    void aTenantOutsideTheWatchedNamespacesIsStalledAndItsObjectsAreNotTouched() {
        cluster.create(Fixtures.tenant("acme"));
        cluster.create(Fixtures.tenant("other"));
        cluster.client().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("opsgate-other")
                .endMetadata().build()).create();
        cluster.create(Fixtures.rule("opsgate-other", "r", "severity=\"critical\""));
        cluster.create(Fixtures.rule("opsgate-acme", "r", "severity=\"critical\""));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Tenant acme = cluster.client().resources(Tenant.class).withName("acme").get();
            assertThat(acme.getStatus()).isNotNull();
            assertThat(Conditions.isTrue(acme.getStatus().conditions, ConditionTypes.READY)).isTrue();
            Tenant other = cluster.client().resources(Tenant.class).withName("other").get();
            assertThat(other.getStatus()).isNotNull();
            var stalled = Conditions.find(other.getStatus().conditions, ConditionTypes.STALLED).orElseThrow();
            assertThat(stalled.getReason()).isEqualTo("NamespaceNotWatched");
            assertThat(stalled.getMessage()).startsWith("spec.namespace: namespace opsgate-other");
            assertThat(cluster.client().resources(AlertRule.class).inNamespace("opsgate-acme").withName("r").get().getStatus()).isNotNull();
        });
        assertThat(cluster.client().resources(AlertRule.class).inNamespace("opsgate-other").withName("r").get().getStatus())
                .as("not watched, not written").isNull();
        assertThat(cluster.client().secrets().inNamespace("opsgate-other").list().getItems()).isEmpty();
    }
}
