package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.v1alpha1.DeletionPolicy;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.Subject;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.security.EngineDataPurge;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TenantReconcilerIT {

    static final String NS = "opsgate-acme";
    @RegisterExtension
    final MockCluster cluster = MockCluster.runningOperator().withDeploymentController();

    @Test
    void createsEveryOwnedObjectWithOwnerReferencesAndBecomesReady() {
        Tenant created = cluster.create(Fixtures.tenant("acme"));
        String uid = created.getMetadata().getUid();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Tenant t = tenant();
            assertThat(t.getStatus()).isNotNull();
            assertThat(Conditions.isTrue(t.getStatus().conditions, ConditionTypes.READY)).isTrue();
        });

        Namespace ns = cluster.client().namespaces().withName(NS).get();
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
        assertThat(t.getStatus().ingestEndpoint).isEqualTo("https://opsgate-ingest.opsgate-acme.svc:9093");
        assertThat(t.getStatus().observedGeneration).isEqualTo(t.getMetadata().getGeneration());
        Secret config = get(Secret.class, "opsgate-config");
        String hash = config.getMetadata().getAnnotations().get("opsgate.io/config-hash");
        assertThat(t.getStatus().configHash).isEqualTo(hash);
        assertThat(get(Deployment.class, "opsgate-ingest").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("opsgate.io/config-hash", hash);
        assertThat(get(Deployment.class, "opsgate-ingest").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(MockCluster.ENGINE_IMAGE);
    }

    @Test
    void followsUpdatesOfOwnersQuotasAndCidrs() {
        cluster.create(Fixtures.tenant("acme"));
        awaitReady();
        String hashBefore = tenant().getStatus().configHash;
        Map<String, String> tokenBefore = get(Secret.class, "opsgate-token-prometheus").getData();
        Map<String, String> internalBefore = get(Secret.class, "opsgate-internal").getData();
        String claimUid = get(PersistentVolumeClaim.class, "opsgate-ingest-data").getMetadata().getUid();

        Tenant t = tenant();
        t.getSpec().owners.add(new Subject(Subject.SubjectKind.User, "bob@acme.example", null));
        t.getSpec().quota = new io.opsgate.api.v1alpha1.QuotaSpec();
        t.getSpec().quota.cpu = "8";
        t.getSpec().quota.pods = 40;
        t.getSpec().ingest.allowedCidrs = new java.util.ArrayList<>(List.of("172.16.0.0/12"));
        cluster.client().resource(t).update();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get(RoleBinding.class, "opsgate-tenant-owner").getSubjects())
                    .extracting(io.fabric8.kubernetes.api.model.rbac.Subject::getName)
                    .containsExactly("acme-owners", "bob@acme.example");
            assertThat(get(ResourceQuota.class, "opsgate-quota").getSpec().getHard())
                    .containsEntry("limits.cpu", new Quantity("8")).containsEntry("pods", new Quantity("40"));
            assertThat(get(NetworkPolicy.class, "opsgate-ingest-ingress").getSpec().getIngress().get(0).getFrom())
                    .extracting(p -> p.getIpBlock() == null ? null : p.getIpBlock().getCidr())
                    .contains("172.16.0.0/12").doesNotContain("10.0.0.0/8");
            Tenant now = tenant();
            assertThat(now.getStatus().observedGeneration).isEqualTo(now.getMetadata().getGeneration());
            // the compiled configuration carries the tenant spec, so the workloads roll
            assertThat(now.getStatus().configHash).isNotEqualTo(hashBefore);
            assertThat(get(Deployment.class, "opsgate-notify").getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("opsgate.io/config-hash", now.getStatus().configHash);
        });
        // generated secrets and the stores' data survive every ordinary reconcile
        assertThat(get(Secret.class, "opsgate-token-prometheus").getData()).isEqualTo(tokenBefore);
        assertThat(get(Secret.class, "opsgate-internal").getData()).isEqualTo(internalBefore);
        assertThat(get(PersistentVolumeClaim.class, "opsgate-ingest-data").getMetadata().getUid()).isEqualTo(claimUid);
        assertThat(cluster.client().resources(io.fabric8.kubernetes.api.model.events.v1.Event.class).inNamespace("default").list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("Updated"))
                .noneSatisfy(e -> assertThat(e.getReason()).isEqualTo("Restored"));
    }

    @Test
    void notifyMountsTheSecretsOfValidChannelsOnly() {
        cluster.create(Fixtures.tenant("acme"));
        awaitReady();
        cluster.create(Fixtures.channel(NS, "pager", NotificationChannelSpec.ChannelType.PagerDuty, "pd-key"));
        NotificationChannel invalid = Fixtures.channel(NS, "mail", NotificationChannelSpec.ChannelType.Email, "smtp");
        cluster.create(invalid); // Email without its email settings: invalid, its Secret stays out

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Deployment notify = get(Deployment.class, "opsgate-notify");
            var projected = notify.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals("channel-secrets")).findFirst().orElseThrow().getProjected();
            assertThat(projected.getSources()).singleElement().satisfies(src -> {
                assertThat(src.getSecret().getName()).isEqualTo("pd-key");
                assertThat(src.getSecret().getItems()).extracting(i -> i.getPath()).containsExactly("pd-key/routingKey");
            });
            assertThat(get(Deployment.class, "opsgate-ingest").getSpec().getTemplate().getSpec().getVolumes())
                    .noneMatch(v -> v.getName().equals("channel-secrets"));
            assertThat(tenant().getStatus().counts.notificationChannels).isEqualTo(1);
        });
    }

    @Test
    void removesAnAllowAllRuleAddedToTheDefaultDenyPolicyAndRecreatesADeletedPolicy() {
        cluster.create(Fixtures.tenant("acme"));
        awaitReady();
        NetworkPolicy deny = get(NetworkPolicy.class, "opsgate-default-deny");
        assertThat(deny.getSpec().getIngress()).isEmpty();

        // An allow-all ingress rule: an empty rule admits every source on every port.
        deny.getSpec().getIngress().add(new NetworkPolicyIngressRuleBuilder().build());
        cluster.client().resource(deny).update();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get(NetworkPolicy.class, "opsgate-default-deny").getSpec().getIngress()).isEmpty());

        cluster.client().resource(get(NetworkPolicy.class, "opsgate-notify-ingress")).delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            NetworkPolicy back = get(NetworkPolicy.class, "opsgate-notify-ingress");
            assertThat(back).isNotNull();
            assertThat(back.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/component", "ingest");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(cluster.client().resources(io.fabric8.kubernetes.api.model.events.v1.Event.class).inNamespace("default").list().getItems())
                        .anySatisfy(e -> {
                            assertThat(e.getReason()).isEqualTo("Restored");
                            assertThat(e.getNote()).contains("NetworkPolicy opsgate-default-deny");
                        }));
    }

    @Test
    void purgeKeepsTheTenantWhileItsWorkloadsCannotVerifyAndTheForceDeleteAnnotationReleasesIt() {
        cluster.create(Fixtures.tenant("acme"));
        awaitReady();
        assertThat(tenant().getMetadata().getFinalizers()).contains(TenantReconciler.FINALIZER);

        // no engine runs here: the purge cannot be verified, so nothing is deleted
        cluster.client().resource(tenant()).delete();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(tenant().getStatus().conditions)
                .anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("Ready");
                    assertThat(c.getReason()).isEqualTo(EngineDataPurge.PURGE_UNVERIFIED);
                    assertThat(c.getMessage()).contains("ingest unreachable").contains(EngineDataPurge.FORCE_DELETE_ANNOTATION);
                }));
        assertThat(cluster.client().namespaces().withName(NS).get().getMetadata().getDeletionTimestamp()).isNull();
        assertThat(tenant().getMetadata().getFinalizers()).contains(TenantReconciler.FINALIZER);

        cluster.client().resources(Tenant.class).withName("acme").edit(t -> {
            t.getMetadata().setAnnotations(Map.of(EngineDataPurge.FORCE_DELETE_ANNOTATION, "true"));
            return t;
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(cluster.client().namespaces().withName(NS).get()).isNull();
            assertThat(tenant()).isNull();
        });
    }

    @Test
    void retainKeepsNamespaceAndVolumeClaimsAndRemovesTheWorkloadsAndANewTenantAdoptsThem() {
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().deletionPolicy = DeletionPolicy.Retain;
        cluster.create(t);
        awaitReady();

        cluster.client().resource(tenant()).delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(tenant()).isNull();
            assertThat(get(Deployment.class, "opsgate-ingest")).isNull();
            assertThat(get(Service.class, "opsgate-notify")).isNull();
            assertThat(cluster.client().namespaces().withName(NS).get().getMetadata().getOwnerReferences()).isEmpty();
            assertThat(get(PersistentVolumeClaim.class, "opsgate-ingest-data").getMetadata().getOwnerReferences()).isEmpty();
        });
        String claimUid = get(PersistentVolumeClaim.class, "opsgate-ingest-data").getMetadata().getUid();

        String newUid = cluster.create(Fixtures.tenant("acme")).getMetadata().getUid();
        awaitReady();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(cluster.client().namespaces().withName(NS).get().getMetadata().getOwnerReferences())
                    .extracting(r -> r.getUid()).containsExactly(newUid);
            assertThat(get(NetworkPolicy.class, "opsgate-default-deny").getMetadata().getOwnerReferences())
                    .extracting(r -> r.getUid()).containsExactly(newUid);
        });
        assertThat(get(PersistentVolumeClaim.class, "opsgate-ingest-data").getMetadata().getUid())
                .as("the retained data is used, not replaced").isEqualTo(claimUid);
    }

    @Test
    void anInvalidTenantIsStalledWithTheFieldNamedAndItsObjectsAreLeftAsTheyAre() {
        Tenant bad = Fixtures.tenant("other");
        bad.getSpec().ingest.allowedCidrs = new java.util.ArrayList<>(List.of("10.0.0.0/33"));
        cluster.create(bad);
        cluster.create(Fixtures.tenant("acme"));
        awaitReady();

        // edit, not update: the operator may still be writing status, which would make a PUT conflict
        cluster.client().resources(Tenant.class).withName("acme").edit(t -> {
            t.getSpec().ingest.allowedCidrs = new java.util.ArrayList<>(List.of("10.0.0.0/33"));
            return t;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String name : List.of("acme", "other")) {
                Tenant now = cluster.client().resources(Tenant.class).withName(name).get();
                assertThat(now.getStatus()).isNotNull();
                assertThat(now.getStatus().observedGeneration).isEqualTo(now.getMetadata().getGeneration());
                assertThat(Conditions.isTrue(now.getStatus().conditions, ConditionTypes.STALLED)).isTrue();
                var ready = Conditions.find(now.getStatus().conditions, ConditionTypes.READY).orElseThrow();
                assertThat(ready.getStatus()).isEqualTo("False");
                assertThat(ready.getReason()).isEqualTo("InvalidCIDR");
                assertThat(ready.getMessage()).startsWith("spec.ingest.allowedCidrs[0]");
            }
        });
        assertThat(cluster.client().namespaces().withName("opsgate-other").get()).as("nothing built for an invalid Tenant").isNull();
        assertThat(get(NetworkPolicy.class, "opsgate-ingest-ingress").getSpec().getIngress().get(0).getFrom().get(0)
                .getIpBlock().getCidr()).as("left as it was").isEqualTo("10.0.0.0/8");
    }

    @Test
    void aNamespaceThatBelongsToSomeoneElseIsNotTakenOver() {
        cluster.client().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("payments")
                .endMetadata().build()).create();
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().namespace = "payments";
        cluster.create(t);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Tenant now = tenant();
            assertThat(now.getStatus()).isNotNull();
            var stalled = Conditions.find(now.getStatus().conditions, ConditionTypes.STALLED).orElseThrow();
            assertThat(stalled.getStatus()).isEqualTo("True");
            assertThat(stalled.getReason()).isEqualTo("NamespaceNotOwned");
            assertThat(stalled.getMessage()).startsWith("spec.namespace: namespace payments exists");
        });
        assertThat(cluster.client().resources(NetworkPolicy.class).inNamespace("payments").list().getItems()).isEmpty();
        assertThat(cluster.client().namespaces().withName("payments").get().getMetadata().getOwnerReferences()).isEmpty();
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Tenant t = tenant();
            assertThat(t.getStatus()).isNotNull();
            assertThat(Conditions.isTrue(t.getStatus().conditions, ConditionTypes.READY)).isTrue();
        });
    }

    private Tenant tenant() {
        return cluster.client().resources(Tenant.class).withName("acme").get();
    }

    private <T extends HasMetadata> T get(Class<T> type, String name) {
        return cluster.client().resources(type).inNamespace(NS).withName(name).get();
    }
}
