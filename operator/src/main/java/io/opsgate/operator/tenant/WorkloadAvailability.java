package io.opsgate.operator.tenant;

import io.opsgate.operator.tenant.model.Workload;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * What a workload's Deployment reports.
 *
 * @param workload  which workload
 * @param desired   replicas wanted
 * @param available replicas available
 * @param current   whether the Deployment controller has seen the latest spec
 */
public record WorkloadAvailability(Workload workload, int desired, int available, boolean current) {

    /** Reads a Deployment; a missing one counts as nothing available. */
    public static WorkloadAvailability of(Workload workload, int desired, Deployment deployment) {
        if (deployment == null || deployment.getStatus() == null) {
            return new WorkloadAvailability(workload, desired, 0, false);
        }
        Long generation = deployment.getMetadata().getGeneration();
        Long observed = deployment.getStatus().getObservedGeneration();
        boolean current = generation == null || (observed != null && observed >= generation);
        Integer available = deployment.getStatus().getAvailableReplicas();
        return new WorkloadAvailability(workload, desired, available == null ? 0 : available, current);
    }

    public boolean isAvailable() {
        return current && available >= desired;
    }

    String describe() {
        return "Deployment " + workload.objectName() + ": " + available + " of " + desired + " replicas available"
                + (current ? "" : ", rollout pending");
    }
}
