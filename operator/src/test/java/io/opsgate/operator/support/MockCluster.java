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
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opsgate.operator.app.OperatorFactory;
import io.opsgate.operator.app.OperatorMetrics;
import io.opsgate.operator.app.OperatorSettings;
import io.opsgate.operator.tenant.model.TenantPlatform;
import io.opsgate.operator.security.SecuritySettings;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one harness of the operator's reconciler tests, a JUnit extension: before each test a new Fabric8
 * mock API server in CRUD mode over HTTPS with a client for it, the CRDs from {@code crds/} installed (so
 * status is a subresource), and, as the test asks, the operator exactly as production builds it and a
 * stand-in for the Deployment controller, which the mock does not have (it reports every Deployment's
 * replicas as available). After each test everything is stopped in reverse order.
 *
 * <p>The mock server, like a cluster, shows an object before its status, and a reconcile's objects one by
 * one; so while a test waits, an exception (a status not written yet: a null) is retried like a failed
 * assertion until the wait times out, and then reported as its cause. A test registers it
 * as a field: {@code @RegisterExtension final MockCluster cluster = MockCluster.runningOperator();}.
 */
public final class MockCluster implements BeforeEachCallback, AfterEachCallback {

    public static final String ENGINE_IMAGE = "registry.example/opsgate/engine:test";
    /** The operator's POD_NAMESPACE: where its ServiceAccount lives, as the chart's release namespace. */
    public static final String OPERATOR_NAMESPACE = "opsgate-system";

    private final boolean operatorAtStart;
    private boolean deploymentController;
    private Set<String> watchNamespaces = Set.of();
    private TenantPlatform platform = TenantPlatform.of(ENGINE_IMAGE);
    private KubernetesMockServer server;
    private KubernetesClient client;
    private Operator operator;
    private Watch deploymentWatch;

    private MockCluster(boolean operatorAtStart) {
        this.operatorAtStart = operatorAtStart;
    }

    /** The operator runs from the start of each test, watching every namespace unless {@link #watching}. */
    public static MockCluster runningOperator() {
        return new MockCluster(true);
    }

    /** The CRDs only: the test starts the operator itself ({@link #startOperator(SecuritySettings)}) or its own process. */
    public static MockCluster withCrdsOnly() {
        return new MockCluster(false);
    }

    /** Also marks every Deployment available, as a Deployment controller would once its pods are ready. */
    public MockCluster withDeploymentController() {
        this.deploymentController = true;
        return this;
    }

    /** The platform settings of the operator (monitoring namespace, external URL template). */
    public MockCluster withPlatform(TenantPlatform settings) {
        this.platform = settings;
        return this;
    }

    /** The operator's WATCH_NAMESPACES. */
    public MockCluster watching(String... namespaces) {
        this.watchNamespaces = Set.of(namespaces);
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        Awaitility.ignoreExceptionsByDefault();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), true);
        server.init();
        client = server.createClient();
        installCrds();
        if (deploymentController) {
            fakeDeploymentController();
        }
        if (operatorAtStart) {
            startOperator(watchNamespaces);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (deploymentWatch != null) {
            deploymentWatch.close();
        }
        if (operator != null) {
            operator.stop();
        }
        client.close();
        server.destroy();
        Awaitility.reset();
    }

    /** A client of the mock API server. */
    public KubernetesClient client() {
        return client;
    }

    /** The mock API server (for its request count). */
    public KubernetesMockServer server() {
        return server;
    }

    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("crds"))) {
            p = p.getParent();
        }
        return Objects.requireNonNull(p, "crds/ not found above the working directory");
    }

    private void installCrds() throws IOException {
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
    }

    private void startOperator(Set<String> watchNamespaces) {
        OperatorSettings settings = new OperatorSettings(watchNamespaces, platform, "INFO", false, OPERATOR_NAMESPACE,
                "test-operator", 0);
        operator = OperatorFactory.create(client, settings, new OperatorMetrics(new SimpleMeterRegistry(), OperatorFactory.KINDS),
                Clock.systemUTC(), false);
        operator.start();
    }

    /** Starts the operator with the given security settings (audit log, where the workloads answer). */
    public void startOperator(SecuritySettings security) {
        OperatorSettings settings = new OperatorSettings(watchNamespaces, platform, "INFO", false, OPERATOR_NAMESPACE,
                "test-operator", 0);
        operator = OperatorFactory.create(client, settings, security,
                new OperatorMetrics(new SimpleMeterRegistry(), OperatorFactory.KINDS), Clock.systemUTC(), false);
        operator.start();
    }

    private void fakeDeploymentController() {
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
    }

    /** Creates {@code resource} in the mock API server and returns it as stored. */
    public <T extends HasMetadata> T create(T resource) {
        return client.resource(resource).create();
    }
}
