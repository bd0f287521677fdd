package io.opsgate.webhook;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opsgate.webhook.cluster.KubernetesClusterReader;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Starts the admission webhook: {@code java -jar opsgate-webhook.jar}, configured by environment. */
public final class WebhookMain {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookMain.class);
    /** The API server gives a review 10 seconds (the chart's timeoutSeconds); a cluster read gets less. */
    private static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(4);

    private WebhookMain() {
    }

    public static void main(String[] args) {
        WebhookConfig config;
        try {
            config = WebhookConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            LOG.error("bad configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        Config clientConfig = new ConfigBuilder(Config.autoConfigure(null))
                .withRequestTimeout((int) CLUSTER_TIMEOUT.toMillis())
                .withConnectionTimeout((int) CLUSTER_TIMEOUT.toMillis())
                // No retries with backoff: they would outlast the API server's patience; kubectl apply retries.
                .withRequestRetryBackoffLimit(0)
                .build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig).build();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        Vertx vertx = Vertx.vertx();
        WebhookVerticle verticle = new WebhookVerticle(config, new KubernetesClusterReader(client), registry);
        vertx.deployVerticle(verticle)
                .onSuccess(id -> LOG.info("opsgate webhook listening: admission https://{}:{} (/validate, /mutate), "
                        + "probes and metrics http://{}:{}", config.host(), verticle.admissionPort(), config.host(),
                        verticle.opsPort()))
                .onFailure(e -> {
                    LOG.error("opsgate webhook failed to start", e);
                    System.exit(1);
                });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                vertx.close().await(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("shutdown did not finish cleanly: {}", e.toString());
            }
            client.close();
        }, "opsgate-webhook-shutdown"));
    }
}
