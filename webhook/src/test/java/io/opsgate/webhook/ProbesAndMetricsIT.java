package io.opsgate.webhook;

import io.opsgate.webhook.metrics.WebhookMetricNames;
import io.opsgate.webhook.testing.RunningWebhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static io.opsgate.webhook.testing.AdmissionRequests.create;
import static io.opsgate.webhook.testing.AdmissionRequests.object;
import static org.assertj.core.api.Assertions.assertThat;

/** The plain port: probes, and metrics that count what the admission port answered. */
class ProbesAndMetricsIT {

    @TempDir
    static Path tls;
    private static RunningWebhook webhook;

    @BeforeAll
    static void start() throws Exception {
        webhook = RunningWebhook.start(tls, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        webhook.close();
    }

    @Test
    void probesAnswerOnThePlainPort() throws Exception {
        assertThat(webhook.getPlain("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = webhook.getPlain("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ok\n");
    }

    @Test
    void theAdmissionEndpointsAreNotOnThePlainPort() throws Exception {
        assertThat(webhook.getPlain("/validate").statusCode()).isEqualTo(404);
    }

    @Test
    void metricsCountRequestsAndRejectionsByKindAndReason() throws Exception {
        webhook.post("/validate", create(object("""
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: web, namespace: opsgate-demo}
                spec: {type: HTTP, interval: 0s}
                """)));
        webhook.post("/mutate", create(object("""
                apiVersion: opsgate.io/v1alpha1
                kind: OpsJobRun
                metadata: {name: r, namespace: opsgate-demo}
                spec: {opsJob: backup}
                """)));
        webhook.post("/validate", "garbage");

        String metrics = webhook.getPlain("/metrics").body();

        assertThat(metrics)
                .contains(WebhookMetricNames.REQUESTS_TOTAL + "{allowed=\"false\",kind=\"Monitor\",operation=\"CREATE\"} 1.0")
                .contains(WebhookMetricNames.REQUESTS_TOTAL + "{allowed=\"true\",kind=\"OpsJobRun\",operation=\"CREATE\"} 1.0")
                .contains(WebhookMetricNames.REQUESTS_TOTAL + "{allowed=\"false\",kind=\"unknown\",operation=\"unknown\"} 1.0")
                .contains(WebhookMetricNames.REJECTIONS_TOTAL + "{kind=\"Monitor\",reason=\"MissingField\"} 1.0")
                .contains(WebhookMetricNames.REJECTIONS_TOTAL + "{kind=\"Monitor\",reason=\"InvalidDuration\"} 1.0")
                .contains(WebhookMetricNames.REJECTIONS_TOTAL + "{kind=\"unknown\",reason=\"BadRequest\"} 1.0")
                .contains(WebhookMetricNames.SECONDS + "_count 3");
    }
}
