package io.opsgate.operator.e2e;

import com.github.dockerjava.api.DockerClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.app.OperatorFactory;
import io.opsgate.operator.app.OperatorMetrics;
import io.opsgate.operator.app.OperatorSettings;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator against a real API server with a NetworkPolicy-enforcing network (K3s: flannel plus its
 * embedded kube-router policy controller). Installs the CRDs, runs the operator in-process, applies
 * examples/demo, waits for the Tenant to be Ready, then proves with real pods that another namespace
 * cannot reach ingest, an allowed namespace can, notify is reachable from ingest only, and a pod of ingest
 * (its labels, its ServiceAccount) creates an OpsJobRun through the API server under the default-deny policy
 * while one of notify cannot reach it.
 *
 * <p>The workloads run a stand-in for the engine unless {@code -Dopsgate.e2e.engineImage=<image>}
 * names an engine image the K3s node can pull: a busybox httpd that answers /healthz and /readyz on the
 * port of the engine's {@code --listen} argument. It is built on the Docker host and imported into
 * K3s's containerd. Needs Docker: {@code mvn -Pe2e -pl operator -am verify}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantIsolationE2E {

    static final String K3S_IMAGE = "rancher/k3s:v1.31.4-k3s1";
    static final String PROBE_IMAGE = "busybox:1.36";
    static final String CURL_IMAGE = "curlimages/curl:8.11.1";
    static final String STAND_IN_IMAGE = "opsgate-engine-stand-in:e2e";
    static final String NS = "opsgate-demo";
    static final String INGEST_URL = "http://opsgate-ingest." + NS + ".svc:9093/healthz";
    static final String NOTIFY_URL = "http://opsgate-notify." + NS + ".svc:9094/healthz";

    static K3sContainer k3s;
    static KubernetesClient client;
    static Operator operator;

    @BeforeAll
    static void cluster() throws Exception {
        k3s = new K3sContainer(DockerImageName.parse(K3S_IMAGE));
        k3s.start();
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml())).build();
        String engineImage = System.getProperty("opsgate.e2e.engineImage", "");
        if (engineImage.isBlank()) {
            engineImage = loadStandIn();
        }
        installCrds();
        OperatorSettings settings = new OperatorSettings(Set.of(), engineImage, "INFO", false, "", "e2e", 0);
        operator = OperatorFactory.create(client, settings,
                new OperatorMetrics(new SimpleMeterRegistry(), OperatorFactory.KINDS), Clock.systemUTC(), false);
        operator.start();
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.stop();
        }
        if (client != null) {
            client.close();
        }
        if (k3s != null) {
            k3s.stop();
        }
    }

    @Test
    @Order(1)
    void theDemoTenantBecomesReady() throws IOException {
        client.resource(new NamespaceBuilder().withNewMetadata().withName("monitoring").endMetadata().build()).serverSideApply();
        client.resource(new NamespaceBuilder().withNewMetadata().withName("e2e-outsider").endMetadata().build()).serverSideApply();
        for (HasMetadata o : demo()) {
            if (o instanceof Tenant) {
                client.resource(o).serverSideApply();
            }
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> client.namespaces().withName(NS).get() != null);
        for (HasMetadata o : demo()) {
            if (!(o instanceof Tenant)) {
                client.resource(o).serverSideApply();
            }
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Tenant t = client.resources(Tenant.class).withName("demo").get();
            assertThat(t.getStatus()).isNotNull();
            assertThat(Conditions.isTrue(t.getStatus().conditions, ConditionTypes.READY))
                    .as("Ready: %s", t.getStatus().conditions).isTrue();
        });
    }

    @Test
    @Order(2)
    void anotherNamespaceCannotReachIngestButAnAllowedOneCan() {
        // The demo allows 10.0.0.0/8, which holds K3s's pod network (10.42.0.0/16): narrow it, so only
        // the allowed namespace is left as a way in.
        Tenant t = client.resources(Tenant.class).withName("demo").get();
        t.getSpec().ingest.allowedCidrs = new ArrayList<>(List.of("203.0.113.0/24"));
        client.resource(t).update();
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(client.resources(NetworkPolicy.class)
                .inNamespace(NS).withName("opsgate-ingest-ingress").get().getSpec().getIngress().get(0).getFrom())
                .extracting(p -> p.getIpBlock() == null ? "namespaces" : p.getIpBlock().getCidr())
                .containsExactly("203.0.113.0/24", "namespaces"));

        assertThat(probe("monitoring", "allowed-to-ingest", INGEST_URL)).as("monitoring reaches ingest").isEqualTo("Succeeded");
        assertThat(probe("e2e-outsider", "outsider-to-ingest", INGEST_URL)).as("outsider reaches ingest").isEqualTo("Failed");
    }

    @Test
    @Order(3)
    void notifyIsReachableFromIngestOnly() throws Exception {
        assertThat(probe("e2e-outsider", "outsider-to-notify", NOTIFY_URL)).isEqualTo("Failed");
        assertThat(probe("monitoring", "monitoring-to-notify", NOTIFY_URL)).isEqualTo("Failed");
        Pod ingest = client.pods().inNamespace(NS).withLabel("app.kubernetes.io/component", "ingest").list().getItems().get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecWatch exec = client.pods().inNamespace(NS).withName(ingest.getMetadata().getName())
                .writingOutput(out).writingError(out)
                .exec("wget", "-T", "5", "-q", "-O", "-", NOTIFY_URL)) {
            assertThat(exec.exitCode().get(60, TimeUnit.SECONDS)).as("ingest reaches notify: %s", out).isZero();
        }
    }

    @Test
    @Order(4)
    void aPodOfIngestCreatesAnOpsJobRunThroughTheApiServerAndNotifyCannotReachIt() {
        // The demo has a Monitor and a triggered OpsJob, so ingest gets the API server's endpoints.
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(client.resources(NetworkPolicy.class)
                .inNamespace(NS).withName("opsgate-ingest-apiserver-egress").get().getSpec().getEgress()).isNotEmpty());
        String run = "{\"apiVersion\":\"opsgate.io/v1alpha1\",\"kind\":\"OpsJobRun\",\"metadata\":{\"name\":\"e2e-run\","
                + "\"labels\":{\"opsgate.io/requested-by\":\"engine\"}},\"spec\":{\"opsJob\":\"restart-web\",\"reason\":\"Alert\"}}";
        assertThat(apiCall("ingest", "ingest-creates-run", run)).as("ingest's pods reach the API server").isEqualTo("Succeeded");
        assertThat(client.resources(io.opsgate.api.v1alpha1.OpsJobRun.class).inNamespace(NS).withName("e2e-run").get())
                .isNotNull();
        assertThat(apiCall("notify", "notify-creates-run", run.replace("e2e-run", "e2e-run-2")))
                .as("notify's pods do not").isEqualTo("Failed");
    }

    /**
     * A pod with the labels of one workload (so its NetworkPolicies apply; without the ReplicaSet's
     * pod-template-hash, so no ReplicaSet adopts it) and ingest's ServiceAccount posts {@code body} to the API
     * server as the engine does, under the namespace's default-deny policy.
     */
    private static String apiCall(String component, String name, String body) {
        String sa = "/var/run/secrets/kubernetes.io/serviceaccount";
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .withLabels(Map.of("app.kubernetes.io/name", "opsgate", "app.kubernetes.io/component", component,
                        "opsgate.io/tenant", "demo")).endMetadata()
                .withNewSpec().withRestartPolicy("Never").withServiceAccountName("opsgate-ingest")
                .withAutomountServiceAccountToken(true)
                .withSecurityContext(io.opsgate.operator.tenant.model.TenantDeploymentBuilder.podSecurityContext())
                .addNewContainer().withName("api").withImage(CURL_IMAGE)
                .withSecurityContext(io.opsgate.operator.tenant.model.TenantDeploymentBuilder.containerSecurityContext())
                .withCommand("sh", "-c", "curl -sS --fail --max-time 10 --cacert " + sa + "/ca.crt -H \"Authorization: Bearer $(cat "
                        + sa + "/token)\" -H 'Content-Type: application/json' -X POST -d '" + body + "' "
                        + "https://kubernetes.default.svc/apis/opsgate.io/v1alpha1/namespaces/" + NS + "/opsjobruns")
                .endContainer().endSpec().build();
        client.resource(pod).create();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String phase = client.pods().inNamespace(NS).withName(name).get().getStatus().getPhase();
            return "Succeeded".equals(phase) || "Failed".equals(phase);
        });
        return client.pods().inNamespace(NS).withName(name).get().getStatus().getPhase();
    }

    /** Runs a pod that fetches {@code url} once; its phase says whether the connection was allowed. */
    private static String probe(String namespace, String name, String url) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("probe").withImage(PROBE_IMAGE)
                .withCommand("wget", "-T", "5", "-q", "-O", "/dev/null", url).endContainer()
                .endSpec().build();
        client.resource(pod).create();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String phase = client.pods().inNamespace(namespace).withName(name).get().getStatus().getPhase();
            return "Succeeded".equals(phase) || "Failed".equals(phase);
        });
        return client.pods().inNamespace(namespace).withName(name).get().getStatus().getPhase();
    }

    private static List<HasMetadata> demo() throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(MockCluster.repoRoot().resolve("examples/demo"), "*.yaml")) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path f : sorted) {
                try (InputStream in = Files.newInputStream(f)) {
                    objects.addAll(client.load(in).items());
                }
            }
        }
        return objects;
    }

    private static void installCrds() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(MockCluster.repoRoot().resolve("crds"), "*.yaml")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    client.resource(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).serverSideApply();
                }
            }
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> client.apiextensions().v1().customResourceDefinitions().list().getItems()
                .stream().filter(c -> c.getSpec().getGroup().equals("opsgate.io"))
                .allMatch(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                        .anyMatch(cond -> cond.getType().equals("Established") && cond.getStatus().equals("True"))));
    }

    /**
     * Builds the stand-in image on the Docker host and imports it into K3s's containerd, so the
     * Deployments (imagePullPolicy IfNotPresent) find it without a registry.
     */
    private static String loadStandIn() throws Exception {
        String script = """
                #!/bin/sh
                # Stand-in for the opsgate engine: serve /healthz and /readyz on the port of --listen.
                port=8080
                for a in "$@"; do case "$a" in --listen=*) port="${a##*:}";; esac; done
                exec httpd -f -v -p "$port" -h /www
                """;
        new ImageFromDockerfile(STAND_IN_IMAGE, false)
                .withFileFromTransferable("entrypoint.sh", Transferable.of(script, 0755))
                .withDockerfileFromBuilder(b -> b.from(PROBE_IMAGE)
                        .run("mkdir -p /www && echo ok > /www/healthz && echo ok > /www/readyz")
                        .copy("entrypoint.sh", "/entrypoint.sh")
                        .user("10001:10001")
                        .entryPoint("/entrypoint.sh")
                        .build())
                .get();
        DockerClient docker = DockerClientFactory.instance().client();
        byte[] tar;
        try (InputStream in = docker.saveImageCmd(STAND_IN_IMAGE).exec()) {
            tar = in.readAllBytes();
        }
        k3s.copyFileToContainer(Transferable.of(tar), "/tmp/stand-in.tar");
        var result = k3s.execInContainer("ctr", "-n", "k8s.io", "images", "import", "/tmp/stand-in.tar");
        assertThat(result.getExitCode()).as("ctr import: %s", result.getStderr()).isZero();
        return "docker.io/library/" + STAND_IN_IMAGE;
    }

}
