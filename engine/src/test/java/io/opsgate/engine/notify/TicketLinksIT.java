package io.opsgate.engine.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.support.HttpSink;
import io.opsgate.engine.support.MutableClock;
import io.opsgate.engine.support.NotifyHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications link their ticket at the URL people reach it: the Tenant's spec.externalURL, which wins over the
 * process' OPSGATE_EXTERNAL_URL (what the operator sets on notify from the chart's template).
 */
class TicketLinksIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path root;
    private HttpSink sink;
    private NotifyHarness opsgate;

    @AfterEach
    void stop() {
        if (opsgate != null) {
            opsgate.close();
        }
        sink.close();
    }

    @Test
    void theTenantsExternalUrlIsTheLinkInTheNotificationBody() throws Exception {
        JsonNode message = firstNotification("  externalURL: https://alerts.acme.example/opsgate/\n",
                "https://opsgate.example.com/acme");
        assertThat(message.path("ticket").path("url").asText())
                .isEqualTo("https://alerts.acme.example/opsgate/api/v1/tickets/" + message.path("ticket").path("id").asText());
        assertThat(message.path("text").asText()).contains("https://alerts.acme.example/opsgate/api/v1/tickets/");
    }

    @Test
    void withoutOneTheProcessWideUrlIsTheLink() throws Exception {
        JsonNode message = firstNotification("", "https://opsgate.example.com/acme");
        assertThat(message.path("ticket").path("url").asText()).startsWith("https://opsgate.example.com/acme/api/v1/tickets/");
    }

    private JsonNode firstNotification(String externalUrlLine, String processUrl) throws Exception {
        MutableClock clock = new MutableClock(NotifyHarness.START);
        sink = new HttpSink(clock);
        String tenant = NotifyHarness.TENANT.replace("  displayName: Acme Corp\n", "  displayName: Acme Corp\n" + externalUrlLine);
        opsgate = new NotifyHarness(root, clock, tenant, """
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: team, namespace: opsgate-acme}
                spec:
                  type: Webhook
                  webhook: {url: "%s"}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: page, namespace: opsgate-acme}
                spec:
                  matchers: ['severity="critical"']
                  actions:
                    ticket: {priority: P1}
                    notify: {channels: [team], groupWait: 0s}
                """.formatted(sink.url("/team")), 8, processUrl);
        opsgate.alerts("[{\"labels\":{\"alertname\":\"DiskFull\",\"severity\":\"critical\"},"
                + "\"annotations\":{\"summary\":\"Disk full\"}}]");
        await().atMost(WAIT).until(() -> !sink.processed().isEmpty());
        return sink.processed().get(0).json();
    }
}
