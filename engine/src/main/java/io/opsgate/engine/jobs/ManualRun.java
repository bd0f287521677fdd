package io.opsgate.engine.jobs;

/**
 * The answer to a person's request to start an OpsJob by hand: the run it started, or why not.
 *
 * @param run            the run's name when started, else null
 * @param phase          the run's phase when started (Pending, or Requested in a cluster), else null
 * @param refusal        why not (a CamelCase reason, see the constants), or null when started
 * @param message        what a person reads
 * @param retryAfterSecs for a guardrail refusal: seconds until a run would pass it; else 0
 */
public record ManualRun(String run, String phase, String refusal, String message, long retryAfterSecs) {
    /** The tenant has no valid OpsJob of that name. */
    public static final String NOT_FOUND = "OpsJobNotFound";
    /** The OpsJob does not declare {@code spec.manual: true}. */
    public static final String NOT_MANUAL = "NotManual";
    /** A run of the job is still going and its concurrencyPolicy is Forbid. */
    public static final String CONCURRENCY = "ConcurrencyForbid";
    /** The job net of the job cannot run (an unknown dependency, a cycle, a step without a local command). */
    public static final String JOB_NET = "JobNetInvalid";
    /** This engine starts no runs (standalone without --allow-local-jobs, or outside a cluster). */
    public static final String NOT_HERE = "RunsNotPossible";

    static ManualRun started(String run, String phase) {
        return new ManualRun(run, phase, null, "", 0);
    }

    static ManualRun refused(String reason, String message) {
        return new ManualRun(null, null, reason, message, 0);
    }

    public boolean isStarted() {
        return refusal == null;
    }
}
