package io.opsgate.api.suspension;

import io.opsgate.api.v1alpha1.OperationsSuspensionSpec.SuspendedOperation;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An automatic operation that a suspension may stop, with the labels its matchers see: the alert's
 * labels, plus {@code opsjob} for jobs and {@code contactgroup} or {@code oncallschedule} for call-outs
 * (these win over alert labels of the same name).
 *
 * @param operation which kind of operation
 * @param labels    what the matchers are evaluated against
 */
public record SuspensionSubject(SuspendedOperation operation, Map<String, String> labels) {
    /** Label naming the OpsJob of a job. */
    public static final String OPSJOB_LABEL = "opsjob";
    /** Label naming the ContactGroup a call-out goes to. */
    public static final String CONTACT_GROUP_LABEL = "contactgroup";
    /** Label naming the OnCallSchedule a call-out goes to. */
    public static final String SCHEDULE_LABEL = "oncallschedule";

    public SuspensionSubject {
        Objects.requireNonNull(operation, "operation");
        labels = Map.copyOf(labels);
    }

    /** A run of {@code opsJob} that {@code alertLabels} triggered. */
    public static SuspensionSubject alertTriggeredJob(String opsJob, Map<String, String> alertLabels) {
        return new SuspensionSubject(SuspendedOperation.AlertTriggeredJobs, with(alertLabels, OPSJOB_LABEL, opsJob));
    }

    /** A scheduled run of {@code opsJob}: no alert, so only the job's name. */
    public static SuspensionSubject scheduledJob(String opsJob) {
        return new SuspensionSubject(SuspendedOperation.ScheduledJobs, Map.of(OPSJOB_LABEL, opsJob));
    }

    /** A call-out to a ContactGroup for an alert. */
    public static SuspensionSubject callOutToGroup(String contactGroup, Map<String, String> alertLabels) {
        return new SuspensionSubject(SuspendedOperation.CallOuts, with(alertLabels, CONTACT_GROUP_LABEL, contactGroup));
    }

    /** A call-out to whoever is on call in an OnCallSchedule, for an alert. */
    public static SuspensionSubject callOutToSchedule(String schedule, Map<String, String> alertLabels) {
        return new SuspensionSubject(SuspendedOperation.CallOuts, with(alertLabels, SCHEDULE_LABEL, schedule));
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> all = new HashMap<>(labels == null ? Map.of() : labels);
        all.put(name, Objects.requireNonNull(value, name));
        return all;
    }
}
