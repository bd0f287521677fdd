package io.opsgate.operator.e2e;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.v1alpha1.DeletionPolicy;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobRun;
import io.opsgate.api.v1alpha1.OpsJobRunSpec;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.app.OperatorFactory;
import io.opsgate.operator.app.OperatorMetrics;
import io.opsgate.operator.app.OperatorSettings;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13, finding 4, on a real API server (K3s): the operator works with exactly the chart's RBAC and
 * nothing more. The chart is rendered with Helm (as a library); its operator ServiceAccount, ClusterRoles,
 * bindings and ValidatingAdmissionPolicy are applied; the operator runs in-process as that ServiceAccount
 * (impersonated). It builds a tenant namespace (its own RoleBinding first), runs a job, and leaves a
 * foreign namespace alone; the same identity is refused Secrets across the cluster, a RoleBinding outside
 * tenant namespaces (by the admission policy: RBAC alone would allow it) and the deletion of a namespace
 * that is not a tenant's. The workloads' image is never pulled: the test needs the objects, not the pods.
 * Needs Docker: {@code mvn -Pe2e -pl operator -am verify}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorRbacE2E {

    static final String K3S_IMAGE = TenantIsolationE2E.K3S_IMAGE;
    static final String RELEASE_NAMESPACE = "opsgate-system";
    static final String OPERATOR = "opsgate-operator";
    static final String NS = "opsgate-acme";

    static K3sContainer k3s;
    static KubernetesClient admin;
    static KubernetesClient asOperator;
    static Operator operator;

    @BeforeAll
    static void cluster() throws Exception {
        k3s = new K3sContainer(DockerImageName.parse(K3S_IMAGE));
        k3s.start();
        String kubeconfig = k3s.getKubeConfigYaml();
        admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
        installCrds();
        installChartRbac(kubeconfig);
        asOperator = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.fromKubeconfig(kubeconfig))
                .withImpersonateUsername("system:serviceaccount:" + RELEASE_NAMESPACE + ":" + OPERATOR)
                .withImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + RELEASE_NAMESPACE,
                        "system:authenticated")
                .build()).build();
        OperatorSettings settings = new OperatorSettings(Set.of(), "registry.invalid/opsgate/engine:e2e", "INFO", false,
                RELEASE_NAMESPACE, "e2e", 0);
        operator = OperatorFactory.create(asOperator, settings,
                new OperatorMetrics(new SimpleMeterRegistry(), OperatorFactory.KINDS), Clock.systemUTC(), false);
        operator.start();
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.stop();
        }
        for (KubernetesClient c : new KubernetesClient[]{asOperator, admin}) {
            if (c != null) {
                c.close();
            }
        }
        if (k3s != null) {
            k3s.stop();
        }
    }

    @Test
    @Order(1)
    void withTheChartsRbacTheOperatorBuildsATenantNamespaceAndRunsAJob() {
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().deletionPolicy = DeletionPolicy.Retain;
        admin.resource(t).create();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(admin.rbac().roleBindings().inNamespace(NS).withName(OPERATOR).get()).isNotNull();
            assertThat(admin.secrets().inNamespace(NS).withName("opsgate-config").get()).isNotNull();
            assertThat(admin.apps().deployments().inNamespace(NS).list().getItems()).hasSize(2);
            assertThat(admin.rbac().roleBindings().inNamespace(NS).withName("opsgate-tenant-owner").get()).isNotNull();
        });
        admin.resource(scheduledJob("backup")).create();
        admin.resource(run("backup-1", "backup")).create();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(admin.batch().v1().cronjobs().inNamespace(NS).withName("opsjob-backup").get()).isNotNull();
            assertThat(admin.batch().v1().jobs().inNamespace(NS).withName("backup-1-backup").get()).isNotNull();
        });
    }

    @Test
    @Order(2)
    void aForeignNamespaceIsNotTakenOver() {
        admin.resource(new NamespaceBuilder().withNewMetadata().withName("payments").endMetadata().build()).create();
        Tenant t = Fixtures.tenant("globex");
        t.getSpec().namespace = "payments";
        admin.resource(t).create();
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            Tenant now = admin.resources(Tenant.class).withName("globex").get();
            assertThat(now.getStatus()).isNotNull();
            assertThat(Conditions.find(now.getStatus().conditions, ConditionTypes.READY).orElseThrow().getReason())
                    .isEqualTo("NamespaceNotOwned");
        });
        assertThat(admin.rbac().roleBindings().inNamespace("payments").list().getItems()).isEmpty();
        assertThat(admin.namespaces().withName("payments").get().getMetadata().getOwnerReferences()).isNullOrEmpty();
    }

    @Test
    @Order(3)
    void theSameIdentityIsRefusedEverythingOutsideTenantNamespaces() {
        assertForbidden(() -> asOperator.secrets().inAnyNamespace().list());
        assertForbidden(() -> asOperator.batch().v1().jobs().inAnyNamespace().list());
        assertForbidden(() -> asOperator.secrets().inNamespace("kube-system").list());
        // RBAC allows this create (rolebindings create, bind opsgate-operator-tenant); the policy does not
        RoleBinding elsewhere = new RoleBindingBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(OPERATOR).withNamespace("default").build())
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                .withName("opsgate-operator-tenant").endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(OPERATOR).withNamespace(RELEASE_NAMESPACE).endSubject()
                .build();
        assertThatThrownBy(() -> asOperator.resource(elsewhere).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("opsgate-operator-tenant-namespaces");
                });
        assertThatThrownBy(() -> asOperator.resource(new NamespaceBuilder().withNewMetadata().withName("sneaky")
                .endMetadata().build()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        assertForbidden(() -> asOperator.namespaces().withName("payments").delete());
        assertThat(admin.namespaces().withName("payments").get().getMetadata().getDeletionTimestamp()).isNull();
    }

    @Test
    @Order(4)
    void retainingTheTenantTakesTheOperatorsRightsInItsNamespaceBack() {
        admin.resources(Tenant.class).withName("acme").delete();
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            assertThat(admin.resources(Tenant.class).withName("acme").get()).isNull();
            assertThat(admin.rbac().roleBindings().inNamespace(NS).withName(OPERATOR).get()).isNull();
        });
        Namespace kept = admin.namespaces().withName(NS).get();
        assertThat(kept).isNotNull();
        assertForbidden(() -> asOperator.secrets().inNamespace(NS).list());
    }

    private static void assertForbidden(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(403));
    }

    /**
     * Renders the chart and applies the operator's ServiceAccount, RBAC and admission policy. Helm as a
     * library renders as a dry-run install against the cluster in KUBECONFIG (the e2e profile points it at
     * a file this writes), as helm install would.
     */
    private static void installChartRbac(String kubeconfig) throws IOException {
        Path file = Path.of(System.getenv("KUBECONFIG"));
        Files.createDirectories(file.getParent());
        Files.writeString(file, kubeconfig);
        admin.resource(new NamespaceBuilder().withNewMetadata().withName(RELEASE_NAMESPACE).endMetadata().build()).create();
        String rendered = new Helm(MockCluster.repoRoot().resolve("helm/opsgate")).template().withName("opsgate")
                .withNamespace(RELEASE_NAMESPACE).call();
        List<Class<? extends HasMetadata>> kinds = List.of(ServiceAccount.class, ClusterRole.class, ClusterRoleBinding.class,
                Role.class, RoleBinding.class, ValidatingAdmissionPolicy.class, ValidatingAdmissionPolicyBinding.class);
        int applied = 0;
        for (String doc : rendered.split("(?m)^---\\s*$")) {
            if (doc.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
                continue;
            }
            HasMetadata o = admin.getKubernetesSerialization().unmarshal(doc, HasMetadata.class);
            boolean operatorPart = o.getMetadata().getName().startsWith(OPERATOR) && kinds.contains(o.getClass());
            if (operatorPart && o.getMetadata().getLabels() != null
                    && "operator".equals(o.getMetadata().getLabels().get("app.kubernetes.io/component"))) {
                admin.resource(o).create();
                applied++;
            }
        }
        assertThat(applied).as("the operator's ServiceAccount, roles, bindings and policy").isGreaterThanOrEqualTo(9);
        // a policy takes effect once the API server has compiled it
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            ValidatingAdmissionPolicy p = admin.admissionRegistration().v1().validatingAdmissionPolicies()
                    .withName("opsgate-operator-tenant-namespaces").get();
            return p != null && p.getStatus() != null && p.getStatus().getObservedGeneration() != null;
        });
    }

    private static void installCrds() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(MockCluster.repoRoot().resolve("crds"), "*.yaml")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    admin.resource(admin.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class))
                            .serverSideApply();
                }
            }
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> admin.apiextensions().v1().customResourceDefinitions().list()
                .getItems().stream().filter(c -> c.getSpec().getGroup().equals("opsgate.io"))
                .allMatch(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                        .anyMatch(cond -> cond.getType().equals("Established") && cond.getStatus().equals("True"))));
    }

    private static OpsJob scheduledJob(String name) {
        OpsJob j = new OpsJob();
        j.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        j.setSpec(new OpsJobSpec());
        j.getSpec().container = new OpsJobSpec.JobContainer();
        j.getSpec().container.image = "registry.invalid/ops/runner:1";
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
