package io.opsgate.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.opsgate.api.common.ComputeResources;
import io.opsgate.api.common.ResourceList;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Desired;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.tenant.model.TenantDeploymentBuilder;
import io.opsgate.operator.tenant.model.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QuantityAlignmentTest {

    @Test
    void canonicalSpellingsOfTheSameValueAreAlignedAndRealChangesAreNot() {
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().ingest.resources = new ComputeResources(new ResourceList("0.5", "256Mi"), new ResourceList("1", "1Gi"));
        Deployment desired = TenantDeploymentBuilder.build(Desired.of(t, List.of()), Workload.INGEST);
        Deployment live = new DeploymentBuilder(desired).editSpec().editTemplate().editSpec().editFirstContainer()
                .editResources()
                .withRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("256Mi")))
                .withLimits(Map.of("cpu", new Quantity("2"), "memory", new Quantity("1073741824")))
                .endResources().endContainer().endSpec().endTemplate().endSpec().build();

        Deployment aligned = QuantityAlignment.alignedTo(desired, live);
        var resources = aligned.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(resources.getRequests().get("cpu").toString()).isEqualTo("0.5");
        assertThat(resources.getLimits().get("memory").toString()).isEqualTo("1Gi");
        assertThat(resources.getLimits().get("cpu").toString()).as("a real change stays").isEqualTo("2");
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests().get("cpu")
                .toString()).as("the cached object is untouched").isEqualTo("500m");
    }
}
