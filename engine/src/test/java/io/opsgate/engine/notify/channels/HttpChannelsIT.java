package io.opsgate.engine.notify.channels;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.support.HttpSink;
import io.opsgate.engine.support.MutableClock;
import io.opsgate.engine.support.Notifications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.opsgate.engine.support.Notifications.entry;
import static io.opsgate.engine.support.Notifications.notification;
import static io.opsgate.engine.support.Notifications.secret;
import static io.opsgate.engine.support.Notifications.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** Slack, Teams, webhook and PagerDuty against a local receiver: the bodies they send, the headers, the signature. */
class HttpChannelsIT {
    private static final String HMAC_KEY = "hmac-key-of-the-test-0123456789";
    private static final String ROUTING_KEY = "R0UT1NGKEY0000000000000000000000";

    @TempDir
    Path secrets;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:30Z"));
    private HttpSink sink;
    private ChannelFactory channels;

    @BeforeEach
    void start() throws Exception {
        sink = new HttpSink(clock);
        channels = new ChannelFactory(Notifications.context(secrets, clock, null));
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    private Outcome send(String specYaml, OutboxEntry e) {
        return channels.create("opsgate-acme", spec(specYaml), Notifications.LOOPBACK).send(notification(e, "ops")).join();
    }

    @Test
    void theWebhookIsSignedOverTheExactBodyAndCarriesTheIdempotencyKey() {
        secret(secrets, "opsgate-acme", "hook", "hmacKey", HMAC_KEY);
        sink.accept(r -> Signatures.sha256(HMAC_KEY, r.body()).equals(r.header("X-Opsgate-Signature")));
        Outcome o = send("""
                type: Webhook
                webhook: {url: "%s", headers: {X-Team: ops}}
                secretRef: {name: hook}
                """.formatted(sink.url("/hook")), entry(7, "firing", 2));

        assertThat(o.kind()).isEqualTo(Outcome.Kind.DELIVERED);
        HttpSink.Received r = sink.processed().get(0);
        assertThat(r.header("Idempotency-Key")).isEqualTo("key-7-ops");
        assertThat(r.header("X-Team")).isEqualTo("ops");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = r.json();
        assertThat(body.path("version").asText()).isEqualTo("1");
        assertThat(body.path("idempotencyKey").asText()).isEqualTo("key-7-ops");
        assertThat(body.path("status").asText()).isEqualTo("firing");
        assertThat(body.path("title").asText()).isEqualTo("[FIRING] Disk full on web-1 (critical) · Acme Corp");
        assertThat(body.path("text").asText()).contains("Ticket: #3 https://opsgate.example/api/v1/tickets/3",
                "2 alert(s), 2 firing", "Disk /m1 is full & <hot>");
        assertThat(body.path("ticket").path("id").asLong()).isEqualTo(3);
        assertThat(body.path("groupLabels").path("instance").asText()).isEqualTo("web-1");
        assertThat(body.path("alerts")).hasSize(2);
        assertThat(body.path("alerts").get(0).path("labels").path("mount").asText()).isEqualTo("/m0");
    }

    @Test
    void aWrongSignatureIsRefusedByTheReceiverAndIsPermanent() {
        secret(secrets, "opsgate-acme", "hook", "hmacKey", "another-key-than-the-receiver-has");
        sink.accept(r -> Signatures.sha256(HMAC_KEY, r.body()).equals(r.header("X-Opsgate-Signature")));
        Outcome o = send("type: Webhook\nwebhook: {url: \"" + sink.url("/hook") + "\"}\nsecretRef: {name: hook}\n",
                entry(1, "firing", 1));
        assertThat(o.kind()).isEqualTo(Outcome.Kind.PERMANENT);
        assertThat(o.statusCode()).isEqualTo(401);
        assertThat(sink.processed()).isEmpty();
    }

    @Test
    void aMissingCredentialIsAPermanentFailureNamingTheFileNotTheValue() {
        Outcome o = send("type: Webhook\nwebhook: {url: \"" + sink.url("/hook") + "\"}\nsecretRef: {name: absent}\n",
                entry(1, "firing", 1));
        assertThat(o.kind()).isEqualTo(Outcome.Kind.PERMANENT);
        assertThat(o.error()).contains("credential absent/hmacKey is missing", "opsgate-acme");
        assertThat(sink.requests()).isEmpty();
    }

    @Test
    void slackGetsABlockKitMessageAtTheSecretUrl() {
        secret(secrets, "opsgate-acme", "slack", "url", sink.url("/services/T000/B000/XXXX"));
        Outcome o = send("type: Slack\nsecretRef: {name: slack}\nslack: {channel: '#ops', username: opsgate}\n",
                entry(2, "firing", 3));
        assertThat(o.kind()).isEqualTo(Outcome.Kind.DELIVERED);
        HttpSink.Received r = sink.processed().get(0);
        assertThat(r.path()).isEqualTo("/services/T000/B000/XXXX");
        JsonNode body = r.json();
        assertThat(body.path("text").asText()).startsWith("[FIRING] Disk full on web-1");
        assertThat(body.path("channel").asText()).isEqualTo("#ops");
        assertThat(body.path("username").asText()).isEqualTo("opsgate");
        JsonNode blocks = body.path("blocks");
        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).path("text").path("type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(1).path("type").asText()).isEqualTo("section");
        assertThat(blocks.get(1).path("text").path("type").asText()).isEqualTo("mrkdwn");
        String text = blocks.get(1).path("text").path("text").asText();
        assertThat(text).contains("<https://opsgate.example/api/v1/tickets/3|#3>", "3 alert(s)",
                "Disk /m2 is full &amp; &lt;hot&gt;");
        assertThat(blocks.get(2).path("type").asText()).isEqualTo("context");
    }

    @Test
    void teamsGetsAnAdaptiveCardOrTheLegacyMessageCard() {
        secret(secrets, "opsgate-acme", "teams", "url", sink.url("/workflows/abc"));
        assertThat(send("type: Teams\nsecretRef: {name: teams}\n", entry(3, "firing", 1)).kind())
                .isEqualTo(Outcome.Kind.DELIVERED);
        assertThat(send("type: Teams\nsecretRef: {name: teams}\nteams: {format: MessageCard}\n", entry(4, "resolved", 1))
                .kind()).isEqualTo(Outcome.Kind.DELIVERED);

        JsonNode adaptive = sink.processed().get(0).json();
        assertThat(adaptive.path("type").asText()).isEqualTo("message");
        JsonNode attachment = adaptive.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.4");
        assertThat(card.path("body").get(0).path("text").asText()).startsWith("[FIRING] Disk full on web-1");
        assertThat(card.path("body").get(1).path("type").asText()).isEqualTo("FactSet");
        assertThat(card.path("actions").get(0).path("url").asText()).isEqualTo("https://opsgate.example/api/v1/tickets/3");

        JsonNode legacy = sink.processed().get(1).json();
        assertThat(legacy.path("@type").asText()).isEqualTo("MessageCard");
        assertThat(legacy.path("title").asText()).startsWith("[RESOLVED] Disk full on web-1");
        assertThat(legacy.path("themeColor").asText()).isEqualTo("2EB886");
        assertThat(legacy.path("sections").get(0).path("facts").get(0).path("value").asText()).isEqualTo("resolved");
        assertThat(legacy.path("potentialAction").get(0).path("targets").get(0).path("uri").asText())
                .isEqualTo("https://opsgate.example/api/v1/tickets/3");
    }

    @Test
    void pagerDutyTriggersAndResolvesTheSameIncident() {
        secret(secrets, "opsgate-acme", "pd", "routingKey", ROUTING_KEY);
        String yaml = "type: PagerDuty\nsecretRef: {name: pd}\npagerDuty: {url: \"" + sink.url("/v2/enqueue") + "\"}\n";
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(send(yaml, entry(5, "firing", 2)));
        outcomes.add(send(yaml, entry(6, "resolved", 2)));
        assertThat(outcomes).extracting(Outcome::kind).containsOnly(Outcome.Kind.DELIVERED);

        JsonNode trigger = sink.processed().get(0).json();
        JsonNode resolve = sink.processed().get(1).json();
        assertThat(trigger.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(trigger.path("dedup_key").asText()).startsWith("opsgate/acme/").isEqualTo(resolve.path("dedup_key").asText());
        JsonNode payload = trigger.path("payload");
        assertThat(payload.path("summary").asText()).startsWith("[FIRING] Disk full on web-1");
        assertThat(payload.path("severity").asText()).isEqualTo("critical");
        assertThat(payload.path("source").asText()).isEqualTo("web-1");
        assertThat(payload.path("custom_details").path("alertCount").asInt()).isEqualTo(2);
        assertThat(payload.path("custom_details").path("ticketId").asLong()).isEqualTo(3);
        assertThat(trigger.path("links").get(0).path("href").asText()).isEqualTo("https://opsgate.example/api/v1/tickets/3");
        assertThat(resolve.has("payload")).isFalse();
    }

    @Test
    void answersAreSortedIntoDeliveredRetryAndPermanent() {
        secret(secrets, "opsgate-acme", "hook", "hmacKey", HMAC_KEY);
        String yaml = "type: Webhook\nwebhook: {url: \"" + sink.url("/hook") + "\"}\nsecretRef: {name: hook}\n";
        sink.answer(HttpSink.Answer.of(503), new HttpSink.Answer(429, java.util.Map.of("Retry-After", "120")),
                HttpSink.Answer.of(400), HttpSink.Answer.of(202));
        Outcome unavailable = send(yaml, entry(1, "firing", 1));
        Outcome limited = send(yaml, entry(1, "firing", 1));
        Outcome bad = send(yaml, entry(1, "firing", 1));
        Outcome accepted = send(yaml, entry(1, "firing", 1));
        assertThat(unavailable.kind()).isEqualTo(Outcome.Kind.RETRY);
        assertThat(limited.kind()).isEqualTo(Outcome.Kind.RETRY);
        assertThat(limited.retryAfterMillis()).isEqualTo(120_000);
        assertThat(bad.kind()).isEqualTo(Outcome.Kind.PERMANENT);
        assertThat(bad.error()).as("what the receiver answered is not kept: it may be another service's secret")
                .isEqualTo("HTTP 400");
        assertThat(accepted.kind()).isEqualTo(Outcome.Kind.DELIVERED);

        sink.close();
        Outcome refused = send(yaml, entry(1, "firing", 1));
        assertThat(refused.kind()).isEqualTo(Outcome.Kind.RETRY);
        assertThat(refused.statusCode()).isZero();
    }
}
