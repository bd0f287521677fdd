package io.opsgate.operator.jobs;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.OperationsSuspension;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobRun;
import io.opsgate.api.v1alpha1.OpsJobStatus;
import io.opsgate.api.validation.ValidationResult;
import io.opsgate.operator.common.EventRecorder;
import io.opsgate.operator.common.TenantObjectReconciler;
import io.opsgate.operator.config.NamespaceObjects;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Validates OpsJobs, keeps the CronJob of each scheduled one (a dependent that exists only while the job
 * is valid and has a schedule), and reports status: validity, the CronJob's name and the latest run. A job
 * is valid only if the AlertRule that triggers it is (which depends on channels) and its dependsOn names
 * existing jobs without a cycle, so rule, channel and sibling job changes re-validate the jobs of their
 * namespace. Runs become Jobs in {@link OpsJobRunReconciler}.
 */
@ControllerConfiguration(name = OpsJobReconciler.NAME)
@Workflow(dependents = @Dependent(type = CronJobDependentResource.class,
        reconcilePrecondition = CronJobDependentResource.Scheduled.class))
public final class OpsJobReconciler extends TenantObjectReconciler<OpsJob, OpsJobStatus> {

    public static final String NAME = "OpsJob";
    private InformerEventSource<AlertRule, OpsJob> rules;
    private InformerEventSource<NotificationChannel, OpsJob> channels;
    private InformerEventSource<OpsJob, OpsJob> siblings;
    private InformerEventSource<OpsJobRun, OpsJob> runs;
    private InformerEventSource<OperationsSuspension, OpsJob> suspensions;
    /** The Suspended condition: an OperationsSuspension stops the job's schedule now. */
    public static final String SUSPENDED = "Suspended";
    /** Its reason while a suspension is in its window; the message names the suspension. */
    public static final String SUSPENDED_REASON = "OperationsSuspensionActive";
    private final Clock clock;

    public OpsJobReconciler(Set<String> watchedNamespaces, EventRecorder events, Clock clock) {
        super(NAME, OpsJobStatus.class, watchedNamespaces, events, clock);
        this.clock = clock;
    }

    @Override
    protected List<EventSource<?, OpsJob>> dependencies(EventSourceContext<OpsJob> context) {
        rules = dependency(AlertRule.class, context);
        channels = dependency(NotificationChannel.class, context);
        siblings = dependency(OpsJob.class, context);
        InformerEventSourceConfiguration.Builder<OpsJobRun> config = InformerEventSourceConfiguration
                .from(OpsJobRun.class, OpsJob.class)
                .withName("latest-OpsJobRun")
                .withSecondaryToPrimaryMapper(r -> Set.of(new ResourceID(r.getSpec().opsJob, r.getMetadata().getNamespace())));
        runs = new InformerEventSource<>(config.build(), context);
        suspensions = dependency(OperationsSuspension.class, context);
        return List.of(rules, channels, siblings, runs, suspensions);
    }

    @Override
    protected NamespaceObjects inputs(String namespace, Context<OpsJob> context) {
        return new NamespaceObjects(list(rules, namespace), List.of(), list(channels, namespace),
                primaries(context, namespace), List.of());
    }

    @Override
    protected void fillStatus(OpsJob job, ValidationResult result, OpsJobStatus next, Context<OpsJob> context) {
        String name = job.getMetadata().getName();
        next.cronJobName = job.getSpec() != null && job.getSpec().schedule != null && result.isValid()
                ? JobNames.cronJob(name) : null;
        next.lastRun = runs.list(job.getMetadata().getNamespace(), r -> name.equals(r.getSpec().opsJob))
                .max(Comparator.comparing((OpsJobRun r) -> RunAdmission.created(r, Instant.EPOCH))
                        .thenComparing(r -> r.getMetadata().getName()))
                .map(OpsJobReconciler::reference).orElse(null);
        ScheduleSuspension s = suspension(job);
        if (next.cronJobName != null && s.suspended()) {
            next.conditions = Conditions.set(next.conditions, SUSPENDED, ConditionTypes.TRUE, SUSPENDED_REASON,
                    "OperationsSuspension " + s.by().name() + " suspends the schedule until " + s.windowEnd() + ": "
                            + s.by().reason(), job.getMetadata().getGeneration(), clock.instant());
        } else {
            next.conditions = Conditions.remove(next.conditions, SUSPENDED);
        }
    }

    private ScheduleSuspension suspension(OpsJob job) {
        return ScheduleSuspension.of(job.getMetadata().getName(), list(suspensions, job.getMetadata().getNamespace()),
                clock.instant());
    }

    /** A scheduled job is looked at again at the next edge of a window that would suspend it. */
    @Override
    protected Optional<Duration> recheckAfter(OpsJob job, OpsJobStatus status, Instant now) {
        return status.cronJobName == null ? Optional.empty() : suspension(job).recheckAfter(now);
    }

    private static OpsJobStatus.RunReference reference(OpsJobRun r) {
        OpsJobStatus.RunReference ref = new OpsJobStatus.RunReference();
        ref.name = r.getMetadata().getName();
        ref.phase = r.getStatus() == null ? null : r.getStatus().phase;
        ref.startTime = r.getStatus() == null ? null : r.getStatus().startTime;
        return ref;
    }
}
