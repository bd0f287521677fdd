package io.opsgate.engine.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * A run as the engine knows it: one it requested (in a cluster the OpsJobRun then does the work), one it
 * ran itself (standalone local jobs), or one it observed in its namespace. Stored as JSON under
 * {@code jobs/run/<name>}; times are epoch ms, 0 when not yet.
 */
public final class JobRunRecord {
    /** Requested from the cluster: the OpsJobRun was created; the operator runs it. */
    public static final String REQUESTED = "Requested";

    public String name;
    public String opsJob;
    public String reason;
    public String phase;
    public String message = "";
    public long requestedAt;
    public long startTime;
    public long completionTime;
    public String alertFingerprint;
    public String alertname;
    public String ticketId;
    /** For a run started by hand: who started it, and why they said. */
    public String requestedBy;
    public String note;
    /** engine (requested or run here) or cluster (an OpsJobRun seen in the namespace). */
    public String source = "engine";
    public List<Step> steps = new ArrayList<>();

    /** One job of the net. */
    public static final class Step {
        public String opsJob;
        public String phase;
        public long startTime;
        public long completionTime;
        public Integer exitCode;
        public String message = "";
        public String logTail;
    }

    static JobRunRecord of(RunRequest request, String phase, String message) {
        JobRunRecord r = new JobRunRecord();
        r.name = request.runName();
        r.opsJob = request.opsJob();
        r.reason = request.reason();
        r.phase = phase;
        r.message = message;
        r.requestedAt = request.requestedAt();
        r.requestedBy = request.requestedBy();
        r.note = request.note();
        if (request.alert() != null) {
            r.alertFingerprint = request.alert().fingerprint();
            r.alertname = request.alert().alertname();
            r.ticketId = request.alert().ticketId();
        }
        return r;
    }

    /** The name of the first step that failed, or "?" when none did. */
    String failedStepName() {
        Step s = failedStep();
        return s == null ? "?" : s.opsJob;
    }

    /** The first step that failed, or null. */
    Step failedStep() {
        for (Step s : steps) {
            if (io.opsgate.api.jobs.RunPhases.FAILED.equals(s.phase)) {
                return s;
            }
        }
        return null;
    }
}
