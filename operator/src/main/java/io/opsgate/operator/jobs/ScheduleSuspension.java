package io.opsgate.operator.jobs;

import io.opsgate.api.defaults.Defaults;
import io.opsgate.api.suspension.Suspension;
import io.opsgate.api.suspension.SuspensionSubject;
import io.opsgate.api.suspension.SuspensionWindow;
import io.opsgate.api.v1alpha1.OperationsSuspension;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec;
import io.opsgate.api.validation.OnCallValidator;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Whether a scheduled OpsJob is suspended now by one of its namespace's valid OperationsSuspensions (対応停止,
 * docs/oncall.md; the matchers see only {@code opsjob}), and when that can next change: a pure function, so the
 * CronJob's {@code suspend} and the OpsJob's {@code Suspended} condition agree and the reconcile is requeued at the
 * next window edge.
 *
 * @param by       the suspension that stops the job now, or null
 * @param windowEnd the end of its open window, or null
 * @param nextEdge the next start or end of a window of a suspension that would stop the job, or null
 */
public record ScheduleSuspension(Suspension by, Instant windowEnd, Instant nextEdge) {

    /** The job as {@code suspensions} leave it at {@code now}. */
    public static ScheduleSuspension of(String opsJob, Collection<OperationsSuspension> suspensions, Instant now) {
        SuspensionSubject subject = SuspensionSubject.scheduledJob(opsJob);
        Suspension by = null;
        Instant end = null;
        Instant edge = null;
        for (OperationsSuspension o : suspensions) {
            if (o.getSpec() == null) {
                continue;
            }
            OperationsSuspensionSpec spec = Defaults.operationsSuspension(
                    Serialization.clone(o.getSpec()));
            if (!OnCallValidator.operationsSuspension(spec).isValid()) {
                continue;
            }
            Suspension s = Suspension.compile(o.getMetadata().getName(), spec);
            if (!s.matches(subject) || !spec.suspend.contains(OperationsSuspensionSpec.SuspendedOperation.ScheduledJobs)) {
                continue;
            }
            Optional<SuspensionWindow.Interval> w = s.window().currentOrNext(now);
            if (w.isEmpty()) {
                continue;
            }
            boolean open = w.get().contains(now);
            if (open && (by == null || s.name().compareTo(by.name()) < 0)) {
                by = s;
                end = w.get().end();
            }
            Instant next = open ? w.get().end() : w.get().start();
            if (next != null && next.isAfter(now) && (edge == null || next.isBefore(edge))) {
                edge = next;
            }
        }
        return new ScheduleSuspension(by, end, edge);
    }

    public boolean suspended() {
        return by != null;
    }

    /** How long until the state can change (at least a second), or empty when it cannot. */
    public Optional<Duration> recheckAfter(Instant now) {
        return nextEdge == null ? Optional.empty()
                : Optional.of(Duration.between(now, nextEdge).plusSeconds(1));
    }
}
