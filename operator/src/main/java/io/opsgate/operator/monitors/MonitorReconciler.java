package io.opsgate.operator.monitors;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.MonitorStatus;
import io.opsgate.operator.common.EventRecorder;
import io.opsgate.operator.common.TenantObjectReconciler;
import io.opsgate.operator.config.NamespaceObjects;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Validates Monitors and reports their status; the check results (lastResult) are the engine's to write
 * and are kept as they are.
 */
@ControllerConfiguration(name = MonitorReconciler.NAME)
public final class MonitorReconciler extends TenantObjectReconciler<Monitor, MonitorStatus> {

    public static final String NAME = "Monitor";

    public MonitorReconciler(Set<String> watchedNamespaces, EventRecorder events, Clock clock) {
        super(NAME, MonitorStatus.class, watchedNamespaces, events, clock);
    }

    @Override
    protected NamespaceObjects inputs(String namespace, Context<Monitor> context) {
        return new NamespaceObjects(List.of(), primaries(context, namespace), List.of(), List.of(), List.of());
    }
}
