package io.opsgate.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every pod the chart makes runs non-root, read-only, without capabilities, under seccomp RuntimeDefault. */
class HardenedPodsTest {

    @ParameterizedTest
    @EnumSource(Chart.Values.class)
    void everyPodIsHardened(Chart.Values values) {
        Manifests m = Manifests.cached(values);
        assertThat(m.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("opsgate-operator", "opsgate-webhook");
        for (PodTemplateSpec pod : m.podTemplates()) {
            PodSecurityContext p = pod.getSpec().getSecurityContext();
            assertThat(p.getRunAsNonRoot()).isTrue();
            assertThat(p.getRunAsUser()).isEqualTo(10001L);
            assertThat(p.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            List<Container> containers = new ArrayList<>(pod.getSpec().getContainers());
            if (pod.getSpec().getInitContainers() != null) {
                containers.addAll(pod.getSpec().getInitContainers());
            }
            for (Container c : containers) {
                SecurityContext s = c.getSecurityContext();
                assertThat(s).as(c.getName()).isNotNull();
                assertThat(s.getRunAsNonRoot()).as(c.getName()).isTrue();
                assertThat(s.getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
                assertThat(s.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
                assertThat(s.getPrivileged()).as(c.getName()).isNotEqualTo(Boolean.TRUE);
                assertThat(s.getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
                assertThat(s.getCapabilities().getAdd()).as(c.getName()).isNullOrEmpty();
                assertThat(s.getSeccompProfile().getType()).as(c.getName()).isEqualTo("RuntimeDefault");
                assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(c.getName()).containsKeys("cpu", "memory");
                assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
                assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
                assertThat(c.getVolumeMounts()).as("a writable /tmp on a read-only root")
                        .anySatisfy(v -> assertThat(v.getMountPath()).isEqualTo("/tmp"));
            }
            assertThat(pod.getSpec().getHostNetwork()).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getSpec().getHostPID()).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getSpec().getVolumes()).noneMatch(v -> v.getHostPath() != null);
        }
    }
}
