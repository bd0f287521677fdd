package io.opsgate.engine.jobs;

import io.opsgate.engine.alerting.Fingerprints;
import io.opsgate.engine.domain.IncomingAlert;

import java.util.Map;
import java.util.TreeMap;

/**
 * The alert a failed run raises into its tenant's pipeline, whatever started the run; the tenant's rules
 * decide whether it becomes a ticket or a notification. Labels: {@code alertname=OpsJobRunFailed},
 * {@code opsjob}, {@code run}, {@code reason} (Alert, Schedule, Manual), {@code severity=warning}. It fires
 * without an end time, like an event, and so resolves after the resolve timeout; a rule that tickets it
 * with {@code resolveWhenCleared: false} keeps the ticket until someone resolves it.
 */
final class FailedRunAlerts {
    static final String ALERTNAME = "OpsJobRunFailed";

    private FailedRunAlerts() {
    }

    static IncomingAlert of(JobRunRecord run) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", ALERTNAME);
        labels.put("opsjob", run.opsJob);
        labels.put("run", run.name);
        labels.put("severity", "warning");
        if (run.reason != null) {
            labels.put("reason", run.reason);
        }
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("summary", "OpsJob " + run.opsJob + ": run " + run.name + " failed");
        annotations.put("description", describe(run));
        return new IncomingAlert(Fingerprints.hex(labels), labels, annotations, 0, 0, "", false);
    }

    private static String describe(JobRunRecord run) {
        JobRunRecord.Step failed = run.failedStep();
        StringBuilder sb = new StringBuilder();
        if (failed == null) {
            sb.append(run.message == null || run.message.isEmpty() ? "the run failed" : run.message);
        } else {
            sb.append("step ").append(failed.opsJob).append(" failed");
            if (failed.exitCode != null) {
                sb.append(" with exit code ").append(failed.exitCode);
            }
            if (failed.message != null && !failed.message.isEmpty()) {
                sb.append(": ").append(failed.message);
            }
            if (failed.logTail != null && !failed.logTail.isBlank()) {
                String tail = failed.logTail.length() > 1000 ? failed.logTail.substring(failed.logTail.length() - 1000)
                        : failed.logTail;
                sb.append("\nlog tail:\n").append(tail);
            }
        }
        return sb.toString();
    }
}
