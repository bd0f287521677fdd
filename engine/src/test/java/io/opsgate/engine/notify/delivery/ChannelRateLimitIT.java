package io.opsgate.engine.notify.delivery;

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
 * A channel's rate limit, standalone on a clock the test moves: a burst goes out at once, the rest waits
 * in the queue at the channel's rate and none is dropped; another channel is not held up by it.
 */
class ChannelRateLimitIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path root;
    private HttpSink sink;
    private NotifyHarness opsgate;

    @AfterEach
    void stop() {
        if (opsgate != null) {
            opsgate.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    private long at(String path) {
        return sink.processed().stream().filter(r -> r.path().equals(path)).count();
    }

    @Test
    void excessWaitsAtTheChannelsRateAndOtherChannelsAreNotHeldUp() throws Exception {
        MutableClock clock = new MutableClock(NotifyHarness.START);
        sink = new HttpSink(clock);
        opsgate = new NotifyHarness(root, clock, """
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: slow, namespace: opsgate-acme}
                spec:
                  type: Webhook
                  webhook: {url: "%s"}
                  rateLimit: {perMinute: 6, burst: 2}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: free, namespace: opsgate-acme}
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
                    notify: {channels: [slow, free], groupBy: [alertname], groupWait: 0s}
                """.formatted(sink.url("/slow"), sink.url("/free")), 8);
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 5; i++) {
            body.append(i == 0 ? "" : ",").append("{\"labels\":{\"alertname\":\"A").append(i)
                    .append("\",\"severity\":\"critical\"},\"endsAt\":\"").append(clock.instant().plus(Duration.ofDays(1)))
                    .append("\"}");
        }
        opsgate.alerts(body.append("]").toString());

        await().atMost(WAIT).until(() -> at("/free") == 5 && at("/slow") == 2);
        await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> at("/slow") == 2);
        assertThat(opsgate.metrics()).contains("opsgate_notification_queue_depth{channel=\"slow\",tenant=\"acme\"} 3.0",
                "opsgate_notification_queue_depth{channel=\"free\",tenant=\"acme\"} 0.0");

        // perMinute 6 is one every 10 s.
        clock.advance(Duration.ofSeconds(9));
        await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> at("/slow") == 2);
        clock.advance(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> at("/slow") == 3);
        await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> at("/slow") == 3);
        clock.advance(Duration.ofSeconds(10));
        await().atMost(WAIT).until(() -> at("/slow") == 4);
        clock.advance(Duration.ofSeconds(10));
        await().atMost(WAIT).until(() -> at("/slow") == 5);
        await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> sink.requests().size() == 10);
        assertThat(sink.processed().stream().filter(r -> r.path().equals("/slow"))
                .map(r -> r.json().path("groupLabels").path("alertname").asText()))
                .containsExactlyInAnyOrder("A0", "A1", "A2", "A3", "A4");
    }
}
