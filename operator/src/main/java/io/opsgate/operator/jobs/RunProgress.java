package io.opsgate.operator.jobs;

import io.opsgate.api.jobs.JobNet;
import io.opsgate.api.jobs.RunPhases;
import io.opsgate.api.v1alpha1.OpsJobRunStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step forward of a run's job net, as a pure function of what its Jobs say: each job starts when all
 * of its dependencies in the net succeeded; when one failed or was skipped, the jobs downstream of it are
 * Skipped; the run is finished when every step is, Failed if any step failed. A run replaced by a newer one
 * (concurrencyPolicy Replace) stops: its unfinished steps fail.
 */
public final class RunProgress {

    /**
     * @param steps   the steps in net order
     * @param toStart the jobs whose Kubernetes Job must be created now
     * @param toStop  the jobs whose running Kubernetes Job must be deleted now (replaced runs)
     * @param phase   the run's phase
     * @param startTime the earliest step start, or null
     * @param completionTime the latest step end once the run finished, or null
     */
    public record Result(List<OpsJobRunStatus.Step> steps, List<String> toStart, List<String> toStop, String phase,
                         String startTime, String completionTime) {
    }

    private RunProgress() {
    }

    /**
     * @param run        the run's name (Job names derive from it)
     * @param net        the run's job net
     * @param old        the steps recorded so far (kept: messages and log tails of finished steps)
     * @param observed   per job of the net, what its Kubernetes Job says; absent when there is no Job
     * @param replacedBy a newer run that replaces this one, or null
     */
    public static Result next(String run, JobNet net, List<OpsJobRunStatus.Step> old, Map<String, StepObservation> observed,
                              String replacedBy) {
        Map<String, OpsJobRunStatus.Step> previous = new LinkedHashMap<>();
        for (OpsJobRunStatus.Step s : old == null ? List.<OpsJobRunStatus.Step>of() : old) {
            previous.put(s.opsJob, s);
        }
        Map<String, OpsJobRunStatus.Step> steps = new LinkedHashMap<>();
        List<String> toStart = new ArrayList<>();
        List<String> toStop = new ArrayList<>();
        for (String job : net.order()) {
            OpsJobRunStatus.Step before = previous.get(job);
            OpsJobRunStatus.Step step = new OpsJobRunStatus.Step();
            step.opsJob = job;
            StepObservation seen = observed.get(job);
            if (before != null && RunPhases.finished(before.phase)) {
                steps.put(job, before);
                continue;
            }
            if (seen != null) {
                step.jobName = JobNames.step(run, job);
                step.phase = seen.phase();
                step.startTime = seen.startTime();
                step.completionTime = seen.completionTime();
                step.exitCode = seen.exitCode();
                step.message = seen.message();
                if (replacedBy != null && !RunPhases.finished(seen.phase())) {
                    step.phase = RunPhases.FAILED;
                    step.message = "stopped: replaced by run " + replacedBy;
                    toStop.add(job);
                }
            } else if (replacedBy != null) {
                step.phase = RunPhases.SKIPPED;
                step.message = "not started: replaced by run " + replacedBy;
            } else {
                String blocked = null;
                boolean ready = true;
                for (String dep : net.dependenciesOf(job)) {
                    String p = steps.get(dep).phase;
                    if (RunPhases.FAILED.equals(p)) {
                        blocked = "dependency " + dep + " failed";
                        break;
                    }
                    if (RunPhases.SKIPPED.equals(p)) {
                        blocked = "dependency " + dep + " was skipped";
                        break;
                    }
                    ready &= RunPhases.SUCCEEDED.equals(p);
                }
                if (blocked != null) {
                    step.phase = RunPhases.SKIPPED;
                    step.message = blocked;
                } else if (ready) {
                    step.phase = RunPhases.PENDING;
                    step.jobName = JobNames.step(run, job);
                    step.message = "starting";
                    toStart.add(job);
                } else {
                    step.phase = RunPhases.PENDING;
                    step.message = "waiting for " + String.join(", ", net.dependenciesOf(job));
                }
            }
            steps.put(job, step);
        }
        boolean finished = steps.values().stream().allMatch(s -> RunPhases.finished(s.phase));
        boolean failed = steps.values().stream().anyMatch(s -> RunPhases.FAILED.equals(s.phase));
        boolean started = steps.values().stream().anyMatch(s -> s.startTime != null);
        String phase = finished ? (failed ? RunPhases.FAILED : RunPhases.SUCCEEDED)
                : started ? RunPhases.RUNNING : RunPhases.PENDING;
        String start = steps.values().stream().map(s -> s.startTime).filter(t -> t != null).min(String::compareTo).orElse(null);
        String end = finished ? steps.values().stream().map(s -> s.completionTime).filter(t -> t != null)
                .max(String::compareTo).orElse(null) : null;
        return new Result(List.copyOf(steps.values()), toStart, toStop, phase, start, end);
    }
}
