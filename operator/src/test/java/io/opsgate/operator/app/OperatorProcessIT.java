package io.opsgate.operator.app;

import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The process as main starts it: endpoints on a free port, metrics of real reconciles, graceful stop. */
class OperatorProcessIT {

    @RegisterExtension
    final MockCluster cluster = MockCluster.withCrdsOnly();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesHealthReadinessAndMetricsThenStops() throws Exception {
        OperatorSettings settings = new OperatorSettings(Set.of(), MockCluster.ENGINE_IMAGE, "INFO", false, "", "op-0", 0);
        OperatorProcess process = OperatorProcess.start(cluster.client(), settings, false);
        int port = process.httpPort();
        try {
            assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> get(port, "/readyz").statusCode() == 200);
            cluster.client().resource(Fixtures.tenant("acme")).create();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> metrics = get(port, "/metrics");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
                assertThat(metrics.body()).containsPattern("opsgate_operator_reconciles_total\\{kind=\"Tenant\",result=\"success\"} [1-9]");
                assertThat(metrics.body()).contains("opsgate_operator_reconcile_seconds_bucket{kind=\"Tenant\"");
                assertThat(metrics.body()).contains("operator_sdk_");
                assertThat(metrics.body()).contains("jvm_memory_used_bytes");
            });
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        } finally {
            process.close();
        }
        assertThatThrownBy(() -> get(port, "/healthz")).isInstanceOf(ConnectException.class);
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
