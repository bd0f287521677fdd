package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The parts of a workload's pod that isolation depends on, compared exactly: pod and container security
 * contexts, host namespaces, the service account and its token, the volumes, and the set of
 * containers. A field someone adds there (a privileged sidecar, a hostPath volume) is not a harmless
 * default, so the Deployment is restored.
 */
public final class DeploymentHardening {

    private DeploymentHardening() {
    }

    public static boolean holds(Deployment desired, Deployment actual) {
        return holds(podSpec(desired), podSpec(actual));
    }

    /** The same comparison for any pod template (the CronJobs of OpsJobs use it). */
    public static boolean holds(PodSpec want, PodSpec have) {
        if (want == null || have == null) {
            return want == have;
        }
        return Objects.equals(want.getSecurityContext(), have.getSecurityContext())
                && !Boolean.TRUE.equals(have.getHostNetwork())
                && !Boolean.TRUE.equals(have.getHostPID())
                && !Boolean.TRUE.equals(have.getHostIPC())
                && Objects.equals(want.getServiceAccountName(), have.getServiceAccountName())
                && Objects.equals(want.getAutomountServiceAccountToken(), have.getAutomountServiceAccountToken())
                && new HashSet<>(want.getVolumes()).equals(new HashSet<>(have.getVolumes()))
                && sameContainerSecurity(want.getContainers(), have.getContainers())
                && have.getInitContainers().isEmpty()
                && have.getEphemeralContainers().isEmpty();
    }

    private static boolean sameContainerSecurity(List<Container> want, List<Container> have) {
        if (want.size() != have.size()) {
            return false;
        }
        for (Container h : have) {
            Container w = want.stream().filter(c -> c.getName().equals(h.getName())).findFirst().orElse(null);
            if (w == null || !Objects.equals(w.getSecurityContext(), h.getSecurityContext())) {
                return false;
            }
        }
        return true;
    }

    private static PodSpec podSpec(Deployment d) {
        if (d.getSpec() == null || d.getSpec().getTemplate() == null) {
            return null;
        }
        return d.getSpec().getTemplate().getSpec();
    }
}
