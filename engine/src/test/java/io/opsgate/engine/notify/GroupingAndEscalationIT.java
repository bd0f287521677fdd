package io.opsgate.engine.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.support.HttpSink;
import io.opsgate.engine.support.MutableClock;
import io.opsgate.engine.support.NotifyHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grouping and escalation as a receiver sees them, standalone on a clock the test moves: 100 alerts of one
 * group within group_wait make one message listing all of them; an unacknowledged ticket reaches level 2
 * after its {@code after}, and an acknowledged one never does.
 */
class GroupingAndEscalationIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path root;
    private HttpSink sink;
    private NotifyHarness opsgate;

    @BeforeEach
    void start() throws Exception {
        MutableClock clock = new MutableClock(NotifyHarness.START);
        sink = new HttpSink(clock);
        StringBuilder channels = new StringBuilder();
        for (String name : List.of("team", "lead", "manager")) {
            channels.append("""
                    apiVersion: opsgate.io/v1alpha1
                    kind: NotificationChannel
                    metadata: {name: %s, namespace: opsgate-acme}
                    spec:
                      type: Webhook
                      webhook: {url: "%s"}
                    ---
                    """.formatted(name, sink.url("/" + name)));
        }
        opsgate = new NotifyHarness(root, clock, channels + """
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: page, namespace: opsgate-acme}
                spec:
                  matchers: ['severity="critical"']
                  actions:
                    ticket: {priority: P1, groupBy: [alertname]}
                    notify: {channels: [team], groupBy: [alertname], groupWait: 30s, groupInterval: 5m}
                    escalate:
                      levels:
                        - {after: 10m, channels: [lead]}
                        - {after: 20m, channels: [manager]}
                """, 8);
    }

    @AfterEach
    void stop() {
        opsgate.close();
        sink.close();
    }

    private List<HttpSink.Received> at(String path) {
        return sink.processed().stream().filter(r -> r.path().equals(path)).toList();
    }

    private String alert(String name, String disk) {
        return "{\"labels\":{\"alertname\":\"" + name + "\",\"severity\":\"critical\",\"disk\":\"" + disk + "\"},"
                + "\"annotations\":{\"summary\":\"" + disk + " is failing\"},\"endsAt\":\""
                + opsgate.clock.instant().plus(Duration.ofDays(1)) + "\"}";
    }

    @Test
    void aHundredAlertsOfOneGroupWithinGroupWaitMakeOneMessageListingThemAll() {
        for (int batch = 0; batch < 10; batch++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < 10; i++) {
                body.append(i == 0 ? "" : ",").append(alert("Storage", "disk-" + (batch * 10 + i)));
            }
            opsgate.alerts(body.append("]").toString());
            opsgate.clock.advance(Duration.ofSeconds(2));
        }
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> sink.requests().isEmpty());

        opsgate.clock.advance(Duration.ofSeconds(11)); // 31 s after the first alert
        await().atMost(WAIT).until(() -> at("/team").size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> sink.requests().size() == 1);

        JsonNode message = at("/team").get(0).json();
        assertThat(message.path("status").asText()).isEqualTo("firing");
        assertThat(message.path("alerts")).hasSize(100);
        Set<String> disks = new HashSet<>();
        message.path("alerts").forEach(a -> disks.add(a.path("labels").path("disk").asText()));
        assertThat(disks).hasSize(100);
        String text = message.path("text").asText();
        assertThat(text).contains("100 alert(s), 100 firing");
        for (int i = 0; i < 100; i++) {
            assertThat(text).contains("- [firing] disk-" + i + " is failing");
        }
    }

    @Test
    void levelTwoIsNotifiedAfterItsAfterWhileTheTicketStaysUnacknowledged() {
        opsgate.alerts("[" + alert("Power", "psu-1") + "]");
        opsgate.clock.advance(Duration.ofSeconds(31));
        await().atMost(WAIT).until(() -> at("/team").size() == 1);

        opsgate.clock.advance(Duration.ofMinutes(9)); // 9m31s after opening
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> at("/lead").isEmpty());
        opsgate.clock.advance(Duration.ofSeconds(30)); // 10m01s
        await().atMost(WAIT).until(() -> at("/lead").size() == 1);
        assertThat(at("/manager")).isEmpty();

        opsgate.clock.advance(Duration.ofMinutes(9).plusSeconds(50)); // 19m51s
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> at("/manager").isEmpty());
        opsgate.clock.advance(Duration.ofSeconds(10)); // 20m01s
        await().atMost(WAIT).until(() -> at("/manager").size() == 1);

        JsonNode level2 = at("/manager").get(0).json();
        assertThat(level2.path("type").asText()).isEqualTo("escalation");
        assertThat(level2.path("level").asInt()).isEqualTo(2);
        assertThat(level2.path("title").asText()).startsWith("[FIRING · escalation level 2]");
        assertThat(level2.path("ticket").path("id").asLong()).isEqualTo(opsgate.onlyTicket().path("id").asLong());
        assertThat(at("/lead").get(0).json().path("level").asInt()).isEqualTo(1);
    }

    @Test
    void anAcknowledgedTicketIsNotEscalatedFurther() {
        opsgate.alerts("[" + alert("Cooling", "fan-1") + "]");
        opsgate.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        await().atMost(WAIT).until(() -> at("/lead").size() == 1);

        String id = opsgate.onlyTicket().path("id").asText();
        opsgate.post("/api/v1/tickets/" + id + "/ack", "");
        opsgate.clock.advance(Duration.ofMinutes(15));
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> at("/manager").isEmpty());
        assertThat(opsgate.onlyTicket().path("escalations").get(1).path("sent").asBoolean()).isFalse();
    }
}
