package io.opsgate.engine.notify.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.support.HttpSink;
import io.opsgate.engine.support.Manifests;
import io.opsgate.engine.support.MutableClock;
import io.opsgate.engine.support.NotifyHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery faults end to end in standalone (ingest, handoff, notify, channel, reports back into the ticket),
 * on a clock the test moves: retries until delivered once, dead letters with a note on the ticket,
 * Retry-After honoured, and a resolve that never overtakes its trigger.
 */
class DeliveryFaultsIT {
    private static final String HMAC = "delivery-faults-hmac-key-000000000000";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path root;
    private HttpSink sink;
    private NotifyHarness opsgate;

    private void start() throws Exception {
        MutableClock clock = new MutableClock(NotifyHarness.START);
        sink = new HttpSink(clock).acceptSignedWith(HMAC);
        opsgate = new NotifyHarness(root, clock, Manifests.webhookChannel("acme", "hook", sink.url("/hook"), "hook-signing")
                + Manifests.rule("acme", "page", """
                matchers: ['severity="critical"']
                actions:
                  ticket: {priority: P1, resolveWhenCleared: true}
                  notify: {channels: [hook], groupBy: [alertname], groupWait: 0s, groupInterval: 1m}"""), 8);
        opsgate.secret("hook-signing", "hmacKey", HMAC);
    }

    @AfterEach
    void stop() {
        if (opsgate != null) {
            opsgate.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    /** An alert that fires for a day of the test's clock, so moving the clock does not resolve it. */
    private void fire(String name) {
        opsgate.alerts("[{\"labels\":{\"alertname\":\"" + name + "\",\"severity\":\"critical\"},"
                + "\"annotations\":{\"summary\":\"" + name + " is down\"},\"endsAt\":\""
                + opsgate.clock.instant().plus(Duration.ofDays(1)) + "\"}]");
    }

    /** Waits until the ticket's delivery log shows {@code n} attempts: their results are recorded. */
    private void attemptsLogged(int n) {
        await().atMost(WAIT).until(() -> opsgate.onlyTicket().path("deliveries").size() == n);
    }

    @Test
    void fiveHundredThreeTimesThenOkIsDeliveredOnceAfterFourLoggedAttempts() throws Exception {
        start();
        sink.answer(HttpSink.Answer.of(500), HttpSink.Answer.of(500), HttpSink.Answer.of(500));
        fire("Api");
        for (int attempt = 1; attempt <= 3; attempt++) {
            attemptsLogged(attempt);
            opsgate.clock.advance(Duration.ofMinutes(10));
        }
        attemptsLogged(4);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> sink.requests().size() == 4);

        assertThat(sink.requests()).hasSize(4);
        assertThat(sink.requests()).extracting(r -> r.header("Idempotency-Key")).containsOnly(
                sink.requests().get(0).header("Idempotency-Key"));
        assertThat(sink.processed()).hasSize(1);
        JsonNode deliveries = opsgate.onlyTicket().path("deliveries");
        List<String> log = new ArrayList<>();
        for (JsonNode d : deliveries) {
            assertThat(d.path("channel").asText()).isEqualTo("hook");
            assertThat(d.path("at").asText()).isNotEmpty();
            log.add(d.path("attempt").asInt() + ":" + d.path("result").asText() + ":" + d.path("statusCode").asInt());
        }
        assertThat(log).containsExactly("1:retry:500", "2:retry:500", "3:retry:500", "4:delivered:200");
        assertThat(deliveries.get(0).path("error").asText()).contains("HTTP 500");
        String metrics = opsgate.metrics();
        assertThat(metrics).contains("opsgate_notifications_sent_total{channel=\"hook\",tenant=\"acme\",type=\"notification\"} 1.0",
                "opsgate_notifications_retried_total{channel=\"hook\",tenant=\"acme\",type=\"notification\"} 3.0",
                "opsgate_notifications_failed_total{channel=\"hook\",tenant=\"acme\",type=\"notification\"} 3.0",
                "opsgate_notification_queue_depth{channel=\"hook\",tenant=\"acme\"} 0.0");
    }

    @Test
    void aBadRequestIsDeadLetteredAndNotedOnTheTicket() throws Exception {
        start();
        sink.answer(HttpSink.Answer.of(400));
        fire("Db");
        await().atMost(WAIT).until(() -> opsgate.get("/api/v1/deadletters").path("deadLetters").size() == 1);

        JsonNode dead = opsgate.get("/api/v1/deadletters").path("deadLetters").get(0);
        assertThat(dead.path("channel").asText()).isEqualTo("hook");
        assertThat(dead.path("statusCode").asInt()).isEqualTo(400);
        assertThat(dead.path("attempts").asInt()).isEqualTo(1);
        assertThat(dead.path("reason").asText()).contains("HTTP 400");
        await().atMost(WAIT).until(() -> opsgate.onlyTicket().path("comments").size() == 1);
        JsonNode ticket = opsgate.onlyTicket();
        assertThat(ticket.path("comments").get(0).path("author").asText()).isEqualTo("opsgate");
        assertThat(ticket.path("comments").get(0).path("text").asText())
                .contains("to channel hook was not delivered", "dead letters", "HTTP 400");
        assertThat(ticket.path("deliveries").get(0).path("result").asText()).isEqualTo("dead-lettered");
        assertThat(opsgate.metrics()).contains(
                "opsgate_notifications_dead_lettered_total{channel=\"hook\",tenant=\"acme\",type=\"notification\"} 1.0");
        assertThat(sink.requests()).hasSize(1);
    }

    @Test
    void retryAfterInSecondsAndAsADateIsHonouredOnTheClock() throws Exception {
        start();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                opsgate.clock.instant().plusSeconds(300).atZone(ZoneOffset.UTC));
        sink.answer(new HttpSink.Answer(429, Map.of("Retry-After", "120")),
                new HttpSink.Answer(503, Map.of("Retry-After", date)));
        fire("Cache");
        attemptsLogged(1);
        long first = sink.requests().get(0).atMillis();

        opsgate.clock.advance(Duration.ofSeconds(119));
        await().during(Duration.ofMillis(800)).atMost(WAIT).until(() -> sink.requests().size() == 1);
        opsgate.clock.advance(Duration.ofSeconds(2));
        attemptsLogged(2);
        long second = sink.requests().get(1).atMillis();
        assertThat(second - first).isBetween(120_000L, 121_000L);

        // The 503 asked to wait until first + 300 s; it came at about first + 121 s.
        opsgate.clock.advance(Duration.ofSeconds(170));
        await().during(Duration.ofMillis(800)).atMost(WAIT).until(() -> sink.requests().size() == 2);
        opsgate.clock.advance(Duration.ofSeconds(15));
        await().atMost(WAIT).until(() -> sink.processed().size() == 1);
        assertThat(sink.requests().get(2).atMillis() - first).isBetween(300_000L, 306_000L);
    }

    @Test
    void aResolveWaitsForItsTriggerEvenWhenTheTriggerIsRetried() throws Exception {
        start();
        sink.answer(HttpSink.Answer.of(500), HttpSink.Answer.of(500));
        fire("Queue");
        attemptsLogged(1);
        opsgate.alerts("[{\"labels\":{\"alertname\":\"Queue\",\"severity\":\"critical\"},\"endsAt\":\""
                + opsgate.clock.instant() + "\"}]");
        opsgate.clock.advance(Duration.ofMinutes(2)); // group interval passes: the resolved notification is written
        await().atMost(WAIT).until(() -> sink.requests().size() == 2);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> sink.requests().size() == 2);
        opsgate.clock.advance(Duration.ofMinutes(2));
        await().atMost(WAIT).until(() -> sink.processed().size() == 2);

        assertThat(sink.requests()).extracting(r -> r.json().path("status").asText())
                .containsExactly("firing", "firing", "firing", "resolved");
        assertThat(sink.processed()).extracting(r -> r.json().path("status").asText()).containsExactly("firing", "resolved");
    }
}
