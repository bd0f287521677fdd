package io.opsgate.engine.jobs;

/** Carries out a run request that passed the guardrails: in a cluster, locally, or by refusing it. */
interface RunRequester {
    void request(TenantJobs tenant, RunRequest request);

    /** Stops what it started (local processes, watches). */
    default void stop() {
    }
}
