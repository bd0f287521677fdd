package io.opsgate.operator.app;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Collection;
import java.util.Map;

/**
 * JOSDK's Micrometer metrics (without per-resource meters, whose tags would grow with every object)
 * plus opsgate's own reconcile counter and histogram, tagged by kind. Controllers are named by kind.
 */
public final class OperatorMetrics implements Metrics {

    private final MeterRegistry registry;
    private final Metrics josdk;

    public OperatorMetrics(MeterRegistry registry, Collection<String> kinds) {
        this.registry = registry;
        this.josdk = MicrometerMetrics.withoutPerResourceMetrics(registry);
        // Registered up front, so every series exists at 0 before the first reconcile.
        for (String kind : kinds) {
            counter(kind, OperatorMetricNames.SUCCESS);
            counter(kind, OperatorMetricNames.ERROR);
            timer(kind);
        }
    }

    @Override
    public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
        String kind = execution.controllerName();
        Timer.Sample sample = Timer.start(registry);
        String result = OperatorMetricNames.SUCCESS;
        try {
            return josdk.timeControllerExecution(execution);
        } catch (Exception e) {
            result = OperatorMetricNames.ERROR;
            throw e;
        } finally {
            sample.stop(timer(kind));
            counter(kind, result).increment();
        }
    }

    private Counter counter(String kind, String result) {
        return Counter.builder(OperatorMetricNames.RECONCILES_METER)
                .description("Reconciles and cleanups finished, by kind and result")
                .tag(OperatorMetricNames.KIND, kind)
                .tag(OperatorMetricNames.RESULT, result)
                .register(registry);
    }

    private Timer timer(String kind) {
        return Timer.builder(OperatorMetricNames.RECONCILE_METER)
                .description("Duration of reconciles and cleanups, by kind")
                .tag(OperatorMetricNames.KIND, kind)
                .publishPercentileHistogram()
                .register(registry);
    }

    @Override
    public void controllerRegistered(Controller<? extends HasMetadata> controller) {
        josdk.controllerRegistered(controller);
    }

    @Override
    public void receivedEvent(Event event, Map<String, Object> metadata) {
        josdk.receivedEvent(event, metadata);
    }

    @Override
    public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
        josdk.reconcileCustomResource(resource, retryInfo, metadata);
    }

    @Override
    public void failedReconciliation(HasMetadata resource, Exception exception, Map<String, Object> metadata) {
        josdk.failedReconciliation(resource, exception, metadata);
    }

    @Override
    public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
        josdk.reconciliationExecutionStarted(resource, metadata);
    }

    @Override
    public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
        josdk.reconciliationExecutionFinished(resource, metadata);
    }

    @Override
    public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
        josdk.cleanupDoneFor(resourceID, metadata);
    }

    @Override
    public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
        josdk.finishedReconciliation(resource, metadata);
    }

    @Override
    public <M extends Map<?, ?>> M monitorSizeOf(M map, String name) {
        return josdk.monitorSizeOf(map, name);
    }
}
