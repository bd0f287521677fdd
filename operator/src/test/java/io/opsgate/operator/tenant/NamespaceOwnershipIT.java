package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13, finding 5, on the mock API server: a Tenant may use a namespace that does not exist yet or
 * that the platform labelled for it ({@code opsgate.io/tenant: <tenant>}); any other existing namespace
 * is not taken over: the Tenant is Ready=False/NamespaceNotOwned, nothing is created or changed there,
 * and deleting the Tenant neither deletes nor purges it. Two Tenants naming one namespace: the first
 * to hold it keeps it.
 */
class NamespaceOwnershipIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String NOT_OWNED = "NamespaceNotOwned";

    @RegisterExtension
    final MockCluster cluster = MockCluster.runningOperator().withDeploymentController();

    @Test
    void anExistingNamespaceWithoutTheTenantsLabelIsNeitherBuiltInNorDeletedWithTheTenant() {
        cluster.create(new NamespaceBuilder().withNewMetadata().withName("payments")
                .withLabels(Map.of("team", "payments")).endMetadata().build());
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().namespace = "payments";
        cluster.create(t);
        await().atMost(WAIT).untilAsserted(() -> {
            Condition ready = ready("acme");
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo(NOT_OWNED);
            assertThat(ready.getMessage()).startsWith("spec.namespace: namespace payments").contains("opsgate.io/tenant");
        });
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertUntouched("payments"));

        cluster.client().resources(Tenant.class).withName("acme").delete();
        await().atMost(WAIT).until(() -> cluster.client().resources(Tenant.class).withName("acme").get() == null);
        Namespace ns = cluster.client().namespaces().withName("payments").get();
        assertThat(ns).as("not deleted with the Tenant").isNotNull();
        assertThat(ns.getMetadata().getDeletionTimestamp()).isNull();
        assertUntouched("payments");
    }

    @Test
    void aNamespaceThePlatformLabelledForTheTenantIsAdopted() {
        cluster.create(new NamespaceBuilder().withNewMetadata().withName("payments")
                .withLabels(Map.of("opsgate.io/tenant", "acme")).endMetadata().build());
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().namespace = "payments";
        cluster.create(t);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(ready("acme").getStatus()).as("%s", ready("acme")).isEqualTo("True");
            Namespace ns = cluster.client().namespaces().withName("payments").get();
            assertThat(ns.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getName()).isEqualTo("acme"));
            assertThat(ns.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        });
    }

    @Test
    void aNamespaceLabelledForAnotherTenantIsNotTaken() {
        cluster.create(new NamespaceBuilder().withNewMetadata().withName("payments")
                .withLabels(Map.of("opsgate.io/tenant", "globex")).endMetadata().build());
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().namespace = "payments";
        cluster.create(t);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(ready("acme").getReason()).isEqualTo(NOT_OWNED);
            assertThat(ready("acme").getMessage()).contains("globex");
        });
        assertUntouched("payments");
    }

    @Test
    void ofTwoTenantsNamingOneNamespaceOneHoldsItAndDeletingTheOtherLeavesItAlone() {
        Tenant a = Fixtures.tenant("alpha");
        a.getSpec().namespace = "shared";
        Tenant b = Fixtures.tenant("beta");
        b.getSpec().namespace = "shared";
        cluster.create(a);
        cluster.create(b);
        await().atMost(WAIT).untilAsserted(() -> {
            List<String> reasons = List.of(ready("alpha").getReason(), ready("beta").getReason());
            assertThat(reasons).containsExactlyInAnyOrder("Available", NOT_OWNED);
        });
        String holder = ready("alpha").getReason().equals("Available") ? "alpha" : "beta";
        String other = holder.equals("alpha") ? "beta" : "alpha";
        Namespace ns = cluster.client().namespaces().withName("shared").get();
        assertThat(ns.getMetadata().getLabels()).containsEntry("opsgate.io/tenant", holder);
        assertThat(ns.getMetadata().getOwnerReferences()).extracting(o -> o.getName()).containsExactly(holder);
        assertThat(ready(other).getMessage()).contains("Tenant " + holder);

        cluster.client().resources(Tenant.class).withName(other).delete();
        await().atMost(WAIT).until(() -> cluster.client().resources(Tenant.class).withName(other).get() == null);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Namespace now = cluster.client().namespaces().withName("shared").get();
            assertThat(now).isNotNull();
            assertThat(now.getMetadata().getDeletionTimestamp()).isNull();
            assertThat(cluster.client().secrets().inNamespace("shared").withName("opsgate-internal").get()).isNotNull();
            assertThat(ready(holder).getStatus()).isEqualTo("True");
        });
    }

    /** Nothing of opsgate's in the namespace, and the namespace as its owner left it. */
    private void assertUntouched(String namespace) {
        Namespace ns = cluster.client().namespaces().withName(namespace).get();
        assertThat(ns.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(ns.getMetadata().getLabels()).doesNotContainKeys("pod-security.kubernetes.io/enforce",
                "app.kubernetes.io/managed-by");
        assertThat(cluster.client().rbac().roleBindings().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(cluster.client().secrets().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(cluster.client().network().networkPolicies().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(cluster.client().apps().deployments().inNamespace(namespace).list().getItems()).isEmpty();
    }

    private Condition ready(String tenant) {
        Tenant t = cluster.client().resources(Tenant.class).withName(tenant).get();
        assertThat(t.getStatus()).isNotNull();
        return Conditions.find(t.getStatus().conditions, ConditionTypes.READY).orElseThrow();
    }
}
