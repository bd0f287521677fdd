package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.opsgate.api.v1alpha1.DeletionPolicy;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobRun;
import io.opsgate.api.v1alpha1.OpsJobRunSpec;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13, finding 4, on the mock API server: the operator's rights inside a tenant namespace come from
 * a RoleBinding to the ClusterRole opsgate-operator-tenant that it makes there right after the namespace,
 * before anything else; its informers list and watch namespaced objects per tenant namespace, never
 * across the cluster (only namespaces and the opsgate kinds are watched cluster-wide). Every request the
 * mock server saw is checked, so a new cluster-wide informer fails this test.
 */
class NamespaceScopedAccessIT {

    static final String NS = "opsgate-acme";
    static final Duration WAIT = Duration.ofSeconds(30);
    /** What may be listed and watched across all namespaces: cluster-scoped kinds and the opsgate kinds. */
    static final Set<String> CLUSTER_WIDE = Set.of("namespaces", "tenants", "customresourcedefinitions", "alertrules",
            "monitors", "notificationchannels", "opsjobs", "opsjobruns", "alertsources", "oncallschedules", "contactgroups",
            "operationssuspensions");

    @RegisterExtension
    final MockCluster cluster = MockCluster.runningOperator();

    @Test
    void theOperatorBindsItsRoleFirstAndListsNamespacedObjectsOnlyInTenantNamespaces() throws Exception {
        cluster.create(Fixtures.tenant("acme"));
        cluster.create(scheduled("backup"));
        await().atMost(WAIT).until(() -> binding() != null);
        cluster.create(run("backup-1", "backup"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(cluster.client().batch().v1().jobs().inNamespace(NS).withName("backup-1-backup").get()).isNotNull();
            assertThat(cluster.client().batch().v1().cronjobs().inNamespace(NS).withName("opsjob-backup").get()).isNotNull();
            assertThat(cluster.client().apps().deployments().inNamespace(NS).list().getItems()).hasSize(2);
        });

        RoleBinding b = binding();
        assertThat(b.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(b.getRoleRef().getName()).isEqualTo("opsgate-operator-tenant");
        assertThat(b.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo("opsgate-operator");
            assertThat(s.getNamespace()).isEqualTo(MockCluster.OPERATOR_NAMESPACE);
        });
        assertThat(b.getMetadata().getLabels()).containsEntry("opsgate.io/tenant", "acme");

        List<RecordedRequest> requests = requests();
        List<String> clusterWide = requests.stream().map(r -> path(r))
                .filter(p -> !p.contains("/namespaces/") && !resource(p).isEmpty() && !CLUSTER_WIDE.contains(resource(p)))
                .distinct().toList();
        assertThat(clusterWide).as("requests across all namespaces").isEmpty();

        List<String> writesInNamespace = requests.stream()
                .filter(r -> r.getMethod().equals("POST") && path(r).contains("/namespaces/" + NS + "/"))
                .map(r -> resource(path(r)))
                // the test's own objects, and Events, which are best effort and may precede the Tenant
                .filter(res -> !CLUSTER_WIDE.contains(res) && !res.equals("events")).toList();
        assertThat(writesInNamespace).as("objects the operator created in %s, in order", NS).isNotEmpty();
        assertThat(writesInNamespace.get(0)).isEqualTo("rolebindings");
    }

    @Test
    void retainingATenantTakesBackTheOperatorsBindingAndKeepsThePeoplesBindings() {
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().deletionPolicy = DeletionPolicy.Retain;
        cluster.create(t);
        await().atMost(WAIT).until(() -> binding() != null
                && cluster.client().rbac().roleBindings().inNamespace(NS).withName("opsgate-tenant-owner").get() != null);
        cluster.client().resources(Tenant.class).withName("acme").delete();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(cluster.client().resources(Tenant.class).withName("acme").get()).isNull();
            assertThat(binding()).isNull();
        });
        assertThat(cluster.client().rbac().roleBindings().inNamespace(NS).withName("opsgate-tenant-owner").get()).isNotNull();
        assertThat(cluster.client().namespaces().withName(NS).get()).isNotNull();
    }

    private RoleBinding binding() {
        return cluster.client().rbac().roleBindings().inNamespace(NS).withName("opsgate-operator").get();
    }

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        RecordedRequest r;
        while ((r = cluster.server().takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            all.add(r);
        }
        return all;
    }

    private static String path(RecordedRequest r) {
        return URI.create(r.getPath()).getPath();
    }

    /** The resource of an API path: /api/v1/namespaces/ns/secrets/x → secrets, /apis/g/v/tenants → tenants; else "". */
    static String resource(String path) {
        String[] p = path.split("/");
        if (p.length < 2 || !(p[1].equals("api") || p[1].equals("apis"))) {
            return "";
        }
        int i = p[1].equals("api") ? 3 : 4;
        if (p.length > i + 2 && p[i].equals("namespaces")) {
            return p[i + 2];
        }
        return p.length > i ? p[i] : "";
    }

    private static OpsJob scheduled(String name) {
        OpsJob j = new OpsJob();
        j.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        j.setSpec(new OpsJobSpec());
        j.getSpec().container = new OpsJobSpec.JobContainer();
        j.getSpec().container.image = "registry.example/ops/runner:1";
        j.getSpec().schedule = new OpsJobSpec.ScheduleSpec();
        j.getSpec().schedule.cron = "@daily";
        return j;
    }

    private static OpsJobRun run(String name, String job) {
        OpsJobRun r = new OpsJobRun();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        r.setSpec(new OpsJobRunSpec());
        r.getSpec().opsJob = job;
        r.getSpec().reason = OpsJobRunSpec.RunReason.Manual;
        return r;
    }
}
