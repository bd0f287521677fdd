package io.opsgate.operator.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;

/**
 * The running operator: the JOSDK Operator, its metrics registry and the HTTP endpoints, started and
 * stopped together. Stopping stops reconciling first (in-flight reconciles get their time), then the
 * endpoints, so /metrics and /healthz answer until the end.
 */
public final class OperatorProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorProcess.class);

    private final Operator operator;
    private final OperatorHttpServer http;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;

    private OperatorProcess(Operator operator, OperatorHttpServer http, PrometheusMeterRegistry registry,
                            JvmGcMetrics gcMetrics) {
        this.operator = operator;
        this.http = http;
        this.registry = registry;
        this.gcMetrics = gcMetrics;
    }

    /** Starts the endpoints, then the operator (which waits for leadership when election is on). */
    public static OperatorProcess start(KubernetesClient client, OperatorSettings settings, boolean closeClientOnStop)
            throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        Operator operator = OperatorFactory.create(client, settings,
                new OperatorMetrics(registry, OperatorFactory.KINDS), Clock.systemUTC(), closeClientOnStop);
        OperatorHttpServer http = OperatorHttpServer.start(settings.httpPort(), registry,
                () -> operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy());
        operator.start();
        LOG.info("opsgate operator started; endpoints on port {}", http.port());
        return new OperatorProcess(operator, http, registry, gc);
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        LOG.info("opsgate operator stopping");
        try {
            operator.stop();
        } finally {
            http.close();
            gcMetrics.close();
            registry.close();
        }
    }
}
