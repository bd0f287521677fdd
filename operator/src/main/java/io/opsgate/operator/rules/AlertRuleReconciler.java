package io.opsgate.operator.rules;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.AlertRuleStatus;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.operator.common.EventRecorder;
import io.opsgate.operator.common.TenantObjectReconciler;
import io.opsgate.operator.config.NamespaceObjects;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Validates AlertRules and reports their status. A rule's validity depends on its own spec, on the
 * NotificationChannels it names (UnknownChannel) and on the tenant's rule limit, so channel and Tenant
 * changes re-validate the rules of their namespace.
 */
@ControllerConfiguration(name = AlertRuleReconciler.NAME)
public final class AlertRuleReconciler extends TenantObjectReconciler<AlertRule, AlertRuleStatus> {

    public static final String NAME = "AlertRule";
    private InformerEventSource<NotificationChannel, AlertRule> channels;

    public AlertRuleReconciler(Set<String> watchedNamespaces, EventRecorder events, Clock clock, EgressGuard guard) {
        super(NAME, AlertRuleStatus.class, watchedNamespaces, events, clock, guard);
    }

    @Override
    protected List<EventSource<?, AlertRule>> dependencies(EventSourceContext<AlertRule> context) {
        channels = dependency(NotificationChannel.class, context);
        return List.of(channels);
    }

    @Override
    protected NamespaceObjects inputs(String namespace, Context<AlertRule> context) {
        return new NamespaceObjects(primaries(context, namespace), List.of(), list(channels, namespace), List.of(), List.of());
    }
}
