package io.opsgate.engine.jobs;

/** Carries out a run request that passed the guardrails: in a cluster, locally, or by refusing it. */
interface RunRequester {
    void request(TenantJobs tenant, RunRequest request);

    /** Why this requester never starts a run, or null when it does: a person asking is told at once. */
    default String refusal() {
        return null;
    }

    /** Stops what it started (local processes, watches). */
    default void stop() {
    }
}
