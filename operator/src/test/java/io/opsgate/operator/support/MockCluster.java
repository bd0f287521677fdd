package io.opsgate.operator.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opsgate.operator.app.OperatorFactory;
import io.opsgate.operator.app.OperatorMetrics;
import io.opsgate.operator.app.OperatorSettings;
import io.opsgate.operator.security.SecuritySettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * What the reconciler tests need around Fabric8's CRUD mock API server: the six CRDs installed (so
 * status is a subresource), the operator as production builds it, and a stand-in for the Deployment
 * controller, which the mock does not have: it reports every Deployment's replicas as available.
 */
public final class MockCluster implements AutoCloseable {

    public static final String ENGINE_IMAGE = "registry.example/opsgate/engine:test";

    private final KubernetesClient client;
    private Operator operator;
    private Watch deploymentWatch;

    public MockCluster(KubernetesClient client) {
        this.client = client;
    }

    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("crds"))) {
            p = p.getParent();
        }
        return Objects.requireNonNull(p, "crds/ not found above the working directory");
    }

    /** Creates the CRDs from crds/. */
    public MockCluster installCrds() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(repoRoot().resolve("crds"), "*.yaml")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
                    // createOr: on a loaded machine the client may retry a POST that had succeeded (409)
                    client.apiextensions().v1().customResourceDefinitions().resource(crd)
                            .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
                }
            }
        }
        return this;
    }

    /** Starts the operator exactly as production configures it, without leader election. */
    public MockCluster startOperator(Set<String> watchNamespaces) {
        OperatorSettings settings = new OperatorSettings(watchNamespaces, ENGINE_IMAGE, "INFO", false, "", "test-operator", 0);
        operator = OperatorFactory.create(client, settings, new OperatorMetrics(new SimpleMeterRegistry(), OperatorFactory.KINDS),
                Clock.systemUTC(), false);
        operator.start();
        return this;
    }

    /** Starts the operator with the given security settings (audit log, where the workloads answer). */
    public MockCluster startOperator(Set<String> watchNamespaces, SecuritySettings security) {
        OperatorSettings settings = new OperatorSettings(watchNamespaces, ENGINE_IMAGE, "INFO", false, "", "test-operator", 0);
        operator = OperatorFactory.create(client, settings, security,
                new OperatorMetrics(new SimpleMeterRegistry(), OperatorFactory.KINDS), Clock.systemUTC(), false);
        operator.start();
        return this;
    }

    /** Marks every Deployment available, as a Deployment controller would once its pods are ready. */
    public MockCluster fakeDeploymentController() {
        deploymentWatch = client.apps().deployments().inAnyNamespace().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment d) {
                if (action == Action.DELETED || d.getSpec() == null) {
                    return;
                }
                int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
                if (d.getStatus() != null && Objects.equals(d.getStatus().getAvailableReplicas(), replicas)
                        && Objects.equals(d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration())) {
                    return;
                }
                d.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
                        .withAvailableReplicas(replicas).withUpdatedReplicas(replicas)
                        .withObservedGeneration(d.getMetadata().getGeneration()).build());
                try {
                    client.resource(d).updateStatus();
                } catch (KubernetesClientException e) {
                    // a newer version arrived meanwhile; its event comes next
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        return this;
    }

    public <T extends HasMetadata> T create(T resource) {
        return client.resource(resource).create();
    }

    @Override
    public void close() {
        if (deploymentWatch != null) {
            deploymentWatch.close();
        }
        if (operator != null) {
            operator.stop();
        }
    }
}
