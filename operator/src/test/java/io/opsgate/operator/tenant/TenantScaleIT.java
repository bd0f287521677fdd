package io.opsgate.operator.tenant;

import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Many tenants at once: all become Ready. The time seen goes to docs/benchmarks.md, not into an assertion. */
class TenantScaleIT {

    static final int TENANTS = 100;
    @RegisterExtension
    final MockCluster cluster = MockCluster.runningOperator().withDeploymentController();

    @Test
    void hundredTenantsBecomeReady() {
        long start = System.nanoTime();
        for (int i = 0; i < TENANTS; i++) {
            cluster.create(Fixtures.tenant("t" + i));
        }
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(cluster.client().resources(Tenant.class).list().getItems())
                        .hasSize(TENANTS)
                        .allSatisfy(t -> assertThat(t.getStatus() != null
                                && Conditions.isTrue(t.getStatus().conditions, ConditionTypes.READY))
                                .as("tenant %s Ready", t.getMetadata().getName()).isTrue()));
        System.out.printf("TenantScaleIT: %d tenants created and Ready in %.1f s, %d API requests%n", TENANTS,
                (System.nanoTime() - start) / 1e9, cluster.server().getRequestCount());
    }
}
