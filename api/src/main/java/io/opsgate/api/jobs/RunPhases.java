package io.opsgate.api.jobs;

import java.util.Set;

/** The phases of an OpsJobRun and of its steps, as the operator and the standalone engine write them. */
public final class RunPhases {
    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    /** A run only: a guardrail, the concurrency policy or an invalid job net refused it; nothing ran. */
    public static final String REFUSED = "Refused";
    /** A step only: a dependency in the net failed or was skipped, so this job did not run. */
    public static final String SKIPPED = "Skipped";

    private static final Set<String> FINISHED = Set.of(SUCCEEDED, FAILED, REFUSED, SKIPPED);

    private RunPhases() {
    }

    /** Whether a run or step in this phase will not change any more. */
    public static boolean finished(String phase) {
        return phase != null && FINISHED.contains(phase);
    }
}
