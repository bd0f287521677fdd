package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.opsgate.operator.support.Desired;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentHardeningTest {

    final Deployment desired = TenantDeploymentBuilder.build(Desired.acme(), Workload.INGEST);

    @Test
    void anUntouchedCopyHolds() {
        assertThat(DeploymentHardening.holds(desired, new DeploymentBuilder(desired).build())).isTrue();
    }

    @Test
    void defaultsTheApiServerAddsElsewhereDoNotMatter() {
        Deployment live = new DeploymentBuilder(desired).editSpec().withRevisionHistoryLimit(10).editTemplate().editSpec()
                .withDnsPolicy("ClusterFirst").withSchedulerName("default-scheduler").endSpec().endTemplate().endSpec().build();
        assertThat(DeploymentHardening.holds(desired, live)).isTrue();
    }

    @Test
    void aPrivilegedSidecarHostNetworkOrHostPathBreaksIt() {
        Deployment sidecar = new DeploymentBuilder(desired).editSpec().editTemplate().editSpec()
                .addToContainers(new ContainerBuilder().withName("debug").withImage("busybox")
                        .withNewSecurityContext().withPrivileged(true).endSecurityContext().build())
                .endSpec().endTemplate().endSpec().build();
        assertThat(DeploymentHardening.holds(desired, sidecar)).isFalse();
        Deployment host = new DeploymentBuilder(desired).editSpec().editTemplate().editSpec().withHostNetwork(true)
                .endSpec().endTemplate().endSpec().build();
        assertThat(DeploymentHardening.holds(desired, host)).isFalse();
        Deployment hostPath = new DeploymentBuilder(desired).editSpec().editTemplate().editSpec()
                .addToVolumes(new VolumeBuilder().withName("root").withNewHostPath().withPath("/").endHostPath().build())
                .endSpec().endTemplate().endSpec().build();
        assertThat(DeploymentHardening.holds(desired, hostPath)).isFalse();
        Deployment escalate = new DeploymentBuilder(desired).editSpec().editTemplate().editSpec().editFirstContainer()
                .editSecurityContext().withAllowPrivilegeEscalation(true).endSecurityContext().endContainer()
                .endSpec().endTemplate().endSpec().build();
        assertThat(DeploymentHardening.holds(desired, escalate)).isFalse();
    }
}
