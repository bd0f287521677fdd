package io.opsgate.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator per the contract in docs/architecture.md, highly available, and the sync-wave order. */
class OperatorDeploymentTest {

    private final Manifests m = Manifests.cached(Chart.Values.DEFAULTS);

    @Test
    void twoReplicasWithLeaderElectionAndTheContractsEnvironment() {
        Deployment operator = m.one(Deployment.class, "opsgate-operator");
        assertThat(operator.getSpec().getReplicas()).isEqualTo(2);
        assertThat(operator.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("opsgate-operator");
        Container c = operator.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, EnvVar> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
        assertThat(env).containsOnlyKeys("WATCH_NAMESPACES", "OPSGATE_ENGINE_IMAGE", "OPSGATE_LOG_LEVEL",
                "OPSGATE_LEADER_ELECTION", "POD_NAMESPACE", "OPSGATE_HTTP_PORT", "OPSGATE_AUDIT_LOG", "OPSGATE_AUDIT_KEY_FILE",
                "OPSGATE_CLUSTER_NETWORKS", "OPSGATE_MONITORING_NAMESPACE", "OPSGATE_EXTERNAL_URL_TEMPLATE");
        assertThat(env.get("OPSGATE_CLUSTER_NETWORKS").getValue())
                .isEqualTo("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,fc00::/7");
        assertThat(env.get("OPSGATE_MONITORING_NAMESPACE").getValue()).isEqualTo("monitoring");
        assertThat(env.get("OPSGATE_EXTERNAL_URL_TEMPLATE").getValue()).isEmpty();
        assertThat(env.get("OPSGATE_LEADER_ELECTION").getValue()).isEqualTo("true");
        assertThat(env.get("WATCH_NAMESPACES").getValue()).isEmpty();
        assertThat(env.get("OPSGATE_ENGINE_IMAGE").getValue()).endsWith("opsgate-engine:" + ImagesTest.VERSION);
        assertThat(env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        assertThat(env.get("OPSGATE_HTTP_PORT").getValue()).isEqualTo("8080");
        assertThat(c.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
        assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void theAuditLogIsWrittenToAnEmptyDirAtTheContractsPath() {
        Deployment operator = m.one(Deployment.class, "opsgate-operator");
        Container c = operator.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("OPSGATE_AUDIT_LOG");
            assertThat(e.getValue()).isEqualTo("/var/log/opsgate/audit.jsonl");
        });
        assertThat(c.getVolumeMounts()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("audit-log");
            assertThat(v.getMountPath()).isEqualTo("/var/log/opsgate");
        });
        assertThat(operator.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("audit-log");
            assertThat(v.getEmptyDir()).isNotNull();
        });
    }

    @Test
    void theAuditChainsKeyIsAGeneratedSecretMountedIntoTheOperatorOnlyAndKeptAcrossUpgrades() {
        Manifests fresh = Manifests.of(Chart.Values.DEFAULTS);
        Secret key = fresh.one(Secret.class, "opsgate-audit-key");
        byte[] text = Base64.getDecoder().decode(key.getData().get("key"));
        assertThat(Base64.getDecoder().decode(new String(text, StandardCharsets.US_ASCII))).hasSize(32);
        assertThat(key.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        Container c = fresh.one(Deployment.class, "opsgate-operator").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("OPSGATE_AUDIT_KEY_FILE");
            assertThat(e.getValue()).isEqualTo("/etc/opsgate/audit-key/key");
        });
        assertThat(c.getVolumeMounts()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("audit-key");
            assertThat(v.getMountPath()).isEqualTo("/etc/opsgate/audit-key");
            assertThat(v.getReadOnly()).isTrue();
        });
        assertThat(fresh.one(Deployment.class, "opsgate-operator").getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getSecret() == null ? null : v.getSecret().getSecretName()).isEqualTo("opsgate-audit-key"));
        assertThat(fresh.one(Deployment.class, "opsgate-webhook").getSpec().getTemplate().getSpec().getVolumes())
                .noneSatisfy(v -> assertThat(v.getSecret() == null ? null : v.getSecret().getSecretName()).isEqualTo("opsgate-audit-key"));

        FakeApiServer.get().putSecret(Chart.NAMESPACE, "opsgate-audit-key", io.fabric8.kubernetes.client.utils.Serialization.asJson(key));
        try {
            assertThat(Manifests.of(Chart.Values.DEFAULTS).one(Secret.class, "opsgate-audit-key").getData().get("key"))
                    .as("an upgrade keeps the key the cluster has").isEqualTo(key.getData().get("key"));
        } finally {
            FakeApiServer.get().forgetSecrets();
        }
        Manifests own = Manifests.of(Map.of("operator.auditKey.existingSecret", "corp-audit-key"));
        assertThat(own.all(Secret.class)).noneMatch(s -> s.getMetadata().getName().equals("opsgate-audit-key"));
        assertThat(own.one(Deployment.class, "opsgate-operator").getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getSecret() == null ? null : v.getSecret().getSecretName()).isEqualTo("corp-audit-key"));
    }

    @Test
    void aDisruptionBudgetKeepsOneOperatorAndOneWebhook() {
        for (String name : new String[]{"opsgate-operator", "opsgate-webhook"}) {
            PodDisruptionBudget pdb = m.one(PodDisruptionBudget.class, name);
            assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
            assertThat(m.one(Deployment.class, name).getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        }
    }

    @Test
    void watchedNamespacesAreJoinedAndOneReplicaNeedsNoBudget() {
        Manifests one = Manifests.of(Map.of("operator.replicas", 1,
                "operator.watchNamespaces[0]", "opsgate-a", "operator.watchNamespaces[1]", "opsgate-b"));
        Deployment operator = one.one(Deployment.class, "opsgate-operator");
        assertThat(operator.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo("WATCH_NAMESPACES");
                    assertThat(e.getValue()).isEqualTo("opsgate-a,opsgate-b");
                });
        assertThat(one.all(PodDisruptionBudget.class)).extracting(p -> p.getMetadata().getName())
                .containsExactly("opsgate-webhook");
    }

    @Test
    void twoOperatorsWithoutLeaderElectionAreRefused() {
        assertThatThrownBy(() -> Chart.template(Map.of("operator.leaderElection", false)))
                .hasMessageContaining("needs operator.leaderElection");
    }

    @ParameterizedTest
    @EnumSource(Chart.Values.class)
    void syncWavesPutTheWebhookRegistrationAfterTheWorkloads(Chart.Values values) {
        Manifests rendered = Manifests.cached(values);
        for (HasMetadata o : rendered.objects()) {
            assertThat(wave(o)).as(o.getKind() + " " + o.getMetadata().getName() + ": after the CRDs (wave 0)")
                    .isGreaterThanOrEqualTo(1);
            if (!(o.getKind().endsWith("WebhookConfiguration") || o.getKind().equals("ServiceMonitor")
                    || o.getKind().equals("ConfigMap"))) {
                assertThat(wave(o)).as(o.getKind() + " " + o.getMetadata().getName()).isEqualTo(1);
            }
        }
        int webhook = wave(rendered.one(Deployment.class, "opsgate-webhook"));
        assertThat(wave(rendered.one(MutatingWebhookConfiguration.class, "opsgate-webhook"))).isGreaterThan(webhook);
        assertThat(wave(rendered.one(ValidatingWebhookConfiguration.class, "opsgate-webhook"))).isGreaterThan(webhook);
    }

    /** Except the operator's Role for the Events of cluster-scoped Tenants, which go to default (RbacTest). */
    @Test
    void namespacedObjectsLiveInTheReleaseNamespace() {
        for (HasMetadata o : m.objects()) {
            boolean clusterScoped = o.getKind().startsWith("Cluster") || o.getKind().endsWith("WebhookConfiguration")
                    || o.getKind().startsWith("ValidatingAdmissionPolicy");
            // In default: Events about cluster-scoped objects, and the kubernetes Service's EndpointSlices.
            boolean inDefault = o.getMetadata().getName().equals("opsgate-operator-events")
                    || o.getMetadata().getName().equals("opsgate-operator-apiserver-endpoints");
            String expected = clusterScoped ? null : inDefault ? "default" : Chart.NAMESPACE;
            assertThat(o.getMetadata().getNamespace()).as(o.getKind() + " " + o.getMetadata().getName())
                    .isEqualTo(expected);
        }
    }

    private static int wave(HasMetadata o) {
        Map<String, String> a = o.getMetadata().getAnnotations();
        assertThat(a).as(o.getKind() + " " + o.getMetadata().getName() + " has a sync wave")
                .containsKey("argocd.argoproj.io/sync-wave");
        return Integer.parseInt(a.get("argocd.argoproj.io/sync-wave"));
    }
}
