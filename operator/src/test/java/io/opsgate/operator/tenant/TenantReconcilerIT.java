package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.v1alpha1.DeletionPolicy;
import io.opsgate.api.v1alpha1.Subject;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EnableKubernetesMockClient(crud = true)
class TenantReconcilerIT {

    static final String NS = "opsgate-acme";
    KubernetesClient client;
    MockCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster(client).installCrds().fakeDeploymentController().startOperator(Set.of());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void createsEveryOwnedObjectWithOwnerReferencesAndBecomesReady() {
        Tenant created = cluster.create(Fixtures.tenant("acme"));
        String uid = created.getMetadata().getUid();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Tenant t = tenant();
            assertThat(t.getStatus()).isNotNull();
            assertThat(Conditions.isTrue(t.getStatus().conditions, ConditionTypes.READY)).isTrue();
        });

        Namespace ns = client.namespaces().withName(NS).get();
        assertThat(ns.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("opsgate.io/tenant", "acme");
        List<HasMetadata> owned = List.of(ns,
                get(NetworkPolicy.class, "opsgate-default-deny"), get(NetworkPolicy.class, "opsgate-ingest-ingress"),
                get(NetworkPolicy.class, "opsgate-notify-ingress"), get(NetworkPolicy.class, "opsgate-ingest-egress"),
                get(NetworkPolicy.class, "opsgate-notify-egress"),
                get(ResourceQuota.class, "opsgate-quota"), get(LimitRange.class, "opsgate-limits"),
                get(ServiceAccount.class, "opsgate-ingest"), get(ServiceAccount.class, "opsgate-notify"),
                get(Role.class, "opsgate-tenant-owner"), get(Role.class, "opsgate-tenant-operator"), get(Role.class, "opsgate-tenant-viewer"),
                get(RoleBinding.class, "opsgate-tenant-owner"), get(RoleBinding.class, "opsgate-tenant-operator"),
                get(RoleBinding.class, "opsgate-tenant-viewer"),
                get(PersistentVolumeClaim.class, "opsgate-ingest-data"), get(PersistentVolumeClaim.class, "opsgate-notify-data"),
                get(Service.class, "opsgate-ingest"), get(Service.class, "opsgate-notify"),
                get(Deployment.class, "opsgate-ingest"), get(Deployment.class, "opsgate-notify"),
                get(Secret.class, "opsgate-config"), get(Secret.class, "opsgate-internal"), get(Secret.class, "opsgate-token-prometheus"));
        for (HasMetadata o : owned) {
            assertThat(o).as("owned object").isNotNull();
            assertThat(o.getMetadata().getOwnerReferences()).as(o.getKind() + " " + o.getMetadata().getName())
                    .anySatisfy(r -> {
                        assertThat(r.getUid()).isEqualTo(uid);
                        assertThat(r.getKind()).isEqualTo("Tenant");
                    });
            assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "opsgate-operator")
                    .containsEntry("opsgate.io/tenant", "acme");
        }
        Tenant t = tenant();
        assertThat(t.getStatus().namespace).isEqualTo(NS);
        assertThat(t.getStatus().ingestEndpoint).isEqualTo("http://opsgate-ingest.opsgate-acme.svc:9093");
        assertThat(t.getStatus().observedGeneration).isEqualTo(t.getMetadata().getGeneration());
        Secret config = get(Secret.class, "opsgate-config");
        String hash = config.getMetadata().getAnnotations().get("opsgate.io/config-hash");
        assertThat(t.getStatus().configHash).isEqualTo(hash);
        assertThat(get(Deployment.class, "opsgate-ingest").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("opsgate.io/config-hash", hash);
        assertThat(get(Deployment.class, "opsgate-ingest").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(MockCluster.ENGINE_IMAGE);
    }

    private Tenant tenant() {
        return client.resources(Tenant.class).withName("acme").get();
    }

    private <T extends HasMetadata> T get(Class<T> type, String name) {
        return client.resources(type).inNamespace(NS).withName(name).get();
    }
}
