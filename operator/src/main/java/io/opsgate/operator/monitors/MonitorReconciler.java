package io.opsgate.operator.monitors;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.api.v1alpha1.MonitorStatus;
import io.opsgate.api.validation.ValidationResult;
import io.opsgate.operator.common.EventRecorder;
import io.opsgate.operator.common.TenantObjectReconciler;
import io.opsgate.operator.config.NamespaceObjects;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Validates Monitors and reports their status; the check results (lastResult, lastChange) are the
 * engine's to write and are kept as they are. A Heartbeat monitor's push path is known from its name, so
 * it shows before ingest has run a single check.
 */
@ControllerConfiguration(name = MonitorReconciler.NAME)
public final class MonitorReconciler extends TenantObjectReconciler<Monitor, MonitorStatus> {

    public static final String NAME = "Monitor";

    public MonitorReconciler(Set<String> watchedNamespaces, EventRecorder events, Clock clock, EgressGuard guard) {
        super(NAME, MonitorStatus.class, watchedNamespaces, events, clock, guard);
    }

    /** The path of a heartbeat's ping on the ingest API (the engine's route /api/v1/heartbeats/{monitor}). */
    public static String pushPath(String monitor) {
        return "/api/v1/heartbeats/" + monitor;
    }

    @Override
    protected void fillStatus(Monitor monitor, ValidationResult result, MonitorStatus next, Context<Monitor> context) {
        boolean heartbeat = monitor.getSpec() != null && monitor.getSpec().type == MonitorSpec.MonitorType.Heartbeat;
        next.pushPath = heartbeat ? pushPath(monitor.getMetadata().getName()) : null;
    }

    @Override
    protected NamespaceObjects inputs(String namespace, Context<Monitor> context) {
        return new NamespaceObjects(List.of(), primaries(context, namespace), List.of(), List.of(), List.of());
    }
}
