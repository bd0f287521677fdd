package io.opsgate.engine.jobs;

/**
 * A request for one run of an OpsJob.
 *
 * @param opsJob      the job
 * @param reason      Alert, Schedule or Manual
 * @param alert       for reason Alert: the alert behind it; else null
 * @param requestedAt epoch ms
 * @param requestedBy for reason Manual: the person (or token) who started it; else null (the engine)
 * @param note        for reason Manual: why they started it; else null
 */
public record RunRequest(String opsJob, String reason, AlertRef alert, long requestedAt, String requestedBy,
                         String note) {
    public static final String ALERT = "Alert";
    public static final String SCHEDULE = "Schedule";
    public static final String MANUAL = "Manual";

    /** An automatic request (alert or schedule): the engine asks. */
    public RunRequest(String opsJob, String reason, AlertRef alert, long requestedAt) {
        this(opsJob, reason, alert, requestedAt, null, null);
    }

    /**
     * The alert that triggered a run.
     *
     * @param fingerprint the alert's fingerprint
     * @param alertname   its alertname label
     * @param ticketId    its ticket, or null
     */
    public record AlertRef(String fingerprint, String alertname, String ticketId) {
    }

    /** The name the run gets: the job's name (shortened) and the request time in base 36, a DNS label. */
    public String runName() {
        String stamp = Long.toString(requestedAt, 36);
        String job = opsJob.length() > 40 ? opsJob.substring(0, 40) : opsJob;
        while (job.endsWith("-") || job.endsWith(".")) {
            job = job.substring(0, job.length() - 1);
        }
        return (job + "-" + stamp).replace('.', '-');
    }
}
