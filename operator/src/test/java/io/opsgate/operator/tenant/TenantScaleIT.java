package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Many tenants at once: all become Ready. The time seen goes to docs/benchmarks.md, not into an assertion. */
@EnableKubernetesMockClient(crud = true)
class TenantScaleIT {

    static final int TENANTS = 100;
    KubernetesClient client;
    KubernetesMockServer server;
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
    void hundredTenantsBecomeReady() {
        long start = System.nanoTime();
        for (int i = 0; i < TENANTS; i++) {
            cluster.create(Fixtures.tenant("t" + i));
        }
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(client.resources(Tenant.class).list().getItems())
                        .hasSize(TENANTS)
                        .allSatisfy(t -> assertThat(t.getStatus() != null
                                && Conditions.isTrue(t.getStatus().conditions, ConditionTypes.READY))
                                .as("tenant %s Ready", t.getMetadata().getName()).isTrue()));
        System.out.printf("TenantScaleIT: %d tenants created and Ready in %.1f s, %d API requests%n", TENANTS,
                (System.nanoTime() - start) / 1e9, server.getRequestCount());
    }
}
