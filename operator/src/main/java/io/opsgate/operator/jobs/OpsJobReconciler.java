package io.opsgate.operator.jobs;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobStatus;
import io.opsgate.operator.common.EventRecorder;
import io.opsgate.operator.common.TenantObjectReconciler;
import io.opsgate.operator.config.NamespaceObjects;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Validates OpsJobs and reports their status. A job is valid only if the AlertRule that triggers it is
 * (which depends on channels) and its dependsOn names existing jobs without a cycle, so rule, channel
 * and sibling job changes re-validate the jobs of their namespace. Turning jobs into CronJobs and runs
 * into Jobs comes with the OpsJob issue.
 */
@ControllerConfiguration(name = OpsJobReconciler.NAME)
public final class OpsJobReconciler extends TenantObjectReconciler<OpsJob, OpsJobStatus> {

    public static final String NAME = "OpsJob";
    private InformerEventSource<AlertRule, OpsJob> rules;
    private InformerEventSource<NotificationChannel, OpsJob> channels;
    private InformerEventSource<OpsJob, OpsJob> siblings;

    public OpsJobReconciler(Set<String> watchedNamespaces, EventRecorder events, Clock clock) {
        super(NAME, OpsJobStatus.class, watchedNamespaces, events, clock);
    }

    @Override
    protected List<EventSource<?, OpsJob>> dependencies(EventSourceContext<OpsJob> context) {
        rules = dependency(AlertRule.class, context);
        channels = dependency(NotificationChannel.class, context);
        siblings = dependency(OpsJob.class, context);
        return List.of(rules, channels, siblings);
    }

    @Override
    protected NamespaceObjects inputs(String namespace, Context<OpsJob> context) {
        return new NamespaceObjects(list(rules, namespace), List.of(), list(channels, namespace),
                primaries(context, namespace), List.of());
    }
}
