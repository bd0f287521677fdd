package io.opsgate.operator.jobs;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.opsgate.api.jobs.RunPhases;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a step's Kubernetes Job and its pods say: phase, start and end, and the exit code of the job
 * container of its latest pod.
 *
 * @param phase          Pending, Running, Succeeded or Failed ({@link RunPhases})
 * @param startTime      RFC 3339, or null
 * @param completionTime RFC 3339, or null
 * @param exitCode       the container's exit code once it terminated, or null
 * @param message        why it is in its phase
 * @param pod            the pod the exit code came from (whose log tail to read), or null
 */
public record StepObservation(String phase, String startTime, String completionTime, Integer exitCode, String message,
                              String pod) {

    /** Reads a Job's status and the pods of that Job. */
    public static StepObservation of(Job job, List<Pod> pods) {
        var status = job.getStatus();
        Pod latest = pods.stream()
                .filter(p -> p.getMetadata().getCreationTimestamp() != null)
                .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()))
                .orElse(pods.isEmpty() ? null : pods.get(pods.size() - 1));
        ContainerStateTerminated terminated = latest == null ? null : terminated(latest);
        Integer exit = terminated == null ? null : terminated.getExitCode();
        String pod = latest == null ? null : latest.getMetadata().getName();
        if (status == null) {
            return new StepObservation(RunPhases.PENDING, null, null, exit, "the Job is created", pod);
        }
        JobCondition complete = condition(status.getConditions(), "Complete");
        JobCondition failed = condition(status.getConditions(), "Failed");
        if (complete != null) {
            String end = status.getCompletionTime() != null ? status.getCompletionTime() : complete.getLastTransitionTime();
            return new StepObservation(RunPhases.SUCCEEDED, status.getStartTime(), end, exit == null ? 0 : exit,
                    "completed", pod);
        }
        if (failed != null) {
            return new StepObservation(RunPhases.FAILED, status.getStartTime(), failed.getLastTransitionTime(), exit,
                    failureMessage(failed, exit), pod);
        }
        boolean active = status.getActive() != null && status.getActive() > 0;
        if (active || status.getStartTime() != null) {
            return new StepObservation(RunPhases.RUNNING, status.getStartTime(), null, exit, "running", pod);
        }
        return new StepObservation(RunPhases.PENDING, null, null, exit, "the Job is created", pod);
    }

    private static String failureMessage(JobCondition failed, Integer exit) {
        if ("DeadlineExceeded".equals(failed.getReason())) {
            return "stopped after the timeout (" + Objects.toString(failed.getMessage(), "DeadlineExceeded") + ")";
        }
        String why = failed.getMessage() != null ? failed.getMessage() : Objects.toString(failed.getReason(), "failed");
        return exit == null ? why : "exit code " + exit + ": " + why;
    }

    private static JobCondition condition(List<JobCondition> conditions, String type) {
        if (conditions == null) {
            return null;
        }
        return conditions.stream().filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst()
                .orElse(null);
    }

    private static ContainerStateTerminated terminated(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
            if (JobPodTemplate.CONTAINER.equals(cs.getName()) && cs.getState() != null) {
                return cs.getState().getTerminated();
            }
        }
        return null;
    }
}
