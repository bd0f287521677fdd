package io.opsgate.engine.notify.callout;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.MutableClock;
import io.opsgate.engine.support.NotifyHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Escalation to people through the real engine (standalone, on a clock the test moves) and a local
 * Twilio-compatible provider: an alert opens a ticket; level 1 names the schedule "primary", so its on-call
 * person (taro) is called; nobody answers; level 2 names the group "backup", which calls whoever is on call
 * (taro again), then hanako, who presses 1: the ticket is acknowledged by hanako, jiro is never called, and
 * level 3 is never sent. Every attempt is in the ticket's delivery log, without a phone number.
 */
class EscalationCallOutIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SID = "AC00000000000000000000000000000001";
    private static final String AUTH = "auth-token-of-the-escalation-test";
    private static final Map<String, String> NUMBERS = Map.of(
            "taro", "+815012345601", "hanako", "+815012345602", "jiro", "+815012345603");

    @TempDir
    Path root;
    private MutableClock clock;
    private FakeTwilio twilio;
    private NotifyHarness opsgate;

    @BeforeEach
    void start() throws Exception {
        clock = new MutableClock(NotifyHarness.START);
        twilio = new FakeTwilio(SID, AUTH, clock);
        opsgate = new NotifyHarness(root, clock, """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: beta}
                spec:
                  egress: [{cidr: 127.0.0.1/32}]
                  apiTokens:
                    - {name: admin, scopes: [Read]}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: phone, namespace: opsgate-acme}
                spec:
                  type: CallOut
                  callOut: {url: "%s", from: "+15005550006"}
                  secretRef: {name: twilio}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: OnCallSchedule
                metadata: {name: primary, namespace: opsgate-acme}
                spec:
                  timeZone: Asia/Tokyo
                  layers:
                    - name: weekly
                      start: "2026-03-02T09:00:00+09:00"
                      people: [taro, jiro]
                      rotation: {type: Weekly}
                  callOut: {channel: phone, attemptTimeout: 2m}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: ContactGroup
                metadata: {name: backup, namespace: opsgate-acme}
                spec:
                  members:
                    - schedule: primary
                    - person: hanako
                    - person: jiro
                  callOut: {channel: phone, attemptTimeout: 2m}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: managers, namespace: opsgate-acme}
                spec:
                  type: Webhook
                  webhook: {url: "http://127.0.0.1:9/never"}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: database-down, namespace: opsgate-acme}
                spec:
                  matchers: ['service="db"']
                  actions:
                    ticket: {priority: P1}
                    escalate:
                      levels:
                        - {after: 1m, schedules: [primary]}
                        - {after: 5m, contactGroups: [backup]}
                        - {after: 30m, channels: [managers]}
                """.formatted(twilio.baseUrl()), 3);
        opsgate.secret("twilio", "accountSid", SID);
        opsgate.secret("twilio", "authToken", AUTH);
        NUMBERS.forEach((person, number) -> opsgate.secret("opsgate-contacts", person,
                "phone: \"" + number + "\"\nlanguage: ja-JP\n"));
    }

    @AfterEach
    void stop() {
        opsgate.close();
        twilio.close();
    }

    @Test
    void theOnCallPersonIsCalledThenTheGroupUntilSomeonePressesOne() throws Exception {
        opsgate.alerts("[{\"labels\":{\"alertname\":\"DatabaseDown\",\"service\":\"db\",\"severity\":\"critical\"},"
                + "\"annotations\":{\"summary\":\"db-1 is down\"},\"endsAt\":\"" + clock.instant().plus(Duration.ofDays(1)) + "\"}]");
        String ticket = opsgate.onlyTicket().path("id").asText();
        clock.advance(Duration.ofSeconds(61));
        FakeTwilio.Call first = awaitCall(1, "taro");
        assertThat(gatherOf(twilio.answer(first)).getAttribute("action")).contains("/api/v1/callouts/acme/");
        assertThat(twilio.finish(first, "no-answer").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> results(ticket).contains("no-answer"));
        assertThat(twilio.calls()).hasSize(1);

        clock.advance(Duration.ofMinutes(4)); // level 2
        FakeTwilio.Call second = awaitCall(2, "taro");
        twilio.answer(second);
        twilio.finish(second, "no-answer");
        FakeTwilio.Call third = awaitCall(3, "hanako");
        Element gather = gatherOf(twilio.answer(third));
        HttpResponse<String> pressed = twilio.press(third, URI.create(gather.getAttribute("action")), "1");
        assertThat(pressed.statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> "acknowledged".equals(opsgate.onlyTicket().path("state").asText()));
        JsonNode t = opsgate.onlyTicket();
        JsonNode ack = null;
        for (JsonNode e : t.path("timeline")) {
            if ("acknowledged".equals(e.path("action").asText())) {
                ack = e;
            }
        }
        assertThat(ack).isNotNull();
        assertThat(ack.path("actor").asText()).isEqualTo("hanako");

        // Calls stop: jiro is never called, the third level never goes out.
        clock.advance(Duration.ofMinutes(40));
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> twilio.calls().size() == 3);
        assertThat(t.path("escalations").get(2).path("sent").asBoolean()).isFalse();

        List<String> log = results(ticket);
        assertThat(log).containsSubsequence("no-answer", "no-answer", "acknowledged");
        JsonNode deliveries = opsgate.onlyTicket().path("deliveries");
        List<String> channels = new ArrayList<>();
        deliveries.forEach(d -> channels.add(d.path("channel").asText()));
        assertThat(channels).contains("phone/taro", "phone/hanako").doesNotContain("phone/jiro");
        String everything = opsgate.get("/api/v1/tickets/" + ticket).toString();
        NUMBERS.values().forEach(n -> assertThat(everything).doesNotContain(n).doesNotContain(n.substring(1)));
    }

    @Test
    void aTicketAcknowledgedThroughTheApiStopsTheCallOutUnderWay() throws Exception {
        opsgate.alerts("[{\"labels\":{\"alertname\":\"DatabaseDown\",\"service\":\"db\"},\"endsAt\":\""
                + clock.instant().plus(Duration.ofDays(1)) + "\"}]");
        String ticket = opsgate.onlyTicket().path("id").asText();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1)); // both levels due: taro twice would overlap, so one waits
        FakeTwilio.Call call = awaitCall(1, "taro");

        opsgate.post("/api/v1/tickets/" + ticket + "/ack", "");
        await().atMost(WAIT).until(() -> twilio.hangUps().contains(call.sid()));
        await().atMost(WAIT).until(() -> results(ticket).contains("stopped"));
        clock.advance(Duration.ofMinutes(10));
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> twilio.calls().size() == 1);
    }

    @Test
    void aCallbackWithoutAValidSignatureOrOnAnotherTenantsPathIsRefused() throws Exception {
        opsgate.alerts("[{\"labels\":{\"alertname\":\"DatabaseDown\",\"service\":\"db\"},\"endsAt\":\""
                + clock.instant().plus(Duration.ofDays(1)) + "\"}]");
        clock.advance(Duration.ofSeconds(61));
        FakeTwilio.Call call = awaitCall(1, "taro");
        Map<String, String> params = Map.of("CallSid", call.sid(), "Digits", "1");
        URI gather = URI.create(call.url().toString().replace("/twiml", "/gather"));

        assertThat(twilio.post(gather, params, null).statusCode()).isEqualTo(403);
        assertThat(twilio.post(gather, params, "bm90IGEgc2lnbmF0dXJl").statusCode()).isEqualTo(403);
        URI unknown = URI.create(call.url().toString().replaceAll("/callouts/acme/[^/]+/", "/callouts/acme/nosuchtoken/"));
        assertThat(twilio.signedPost(unknown, params).statusCode()).isEqualTo(404);
        URI noTenant = URI.create(call.url().toString().replace("/callouts/acme/", "/callouts/nosuchtenant/"));
        assertThat(twilio.signedPost(noTenant, params).statusCode()).isEqualTo(404);
        // acme's attempt token on tenant beta's path: beta's call-outs never issued it.
        URI otherTenant = URI.create(gather.toString().replace("/callouts/acme/", "/callouts/beta/"));
        assertThat(twilio.signedPost(otherTenant, params).statusCode()).isEqualTo(404);
        assertThat(opsgate.onlyTicket().path("state").asText()).isEqualTo("open");
        // The same callback, signed and on its own path, is taken: the refusals above were not for other reasons.
        assertThat(twilio.signedPost(gather, params).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> "acknowledged".equals(opsgate.onlyTicket().path("state").asText()));
    }

    private FakeTwilio.Call awaitCall(int n, String person) {
        await().atMost(WAIT).until(() -> twilio.calls().size() >= n);
        FakeTwilio.Call call = twilio.calls().get(n - 1);
        assertThat(call.to()).isEqualTo(NUMBERS.get(person));
        return call;
    }

    /** The results of the ticket's call-out entries, in order. */
    private List<String> results(String ticket) {
        Http.Response r = opsgate.http.get("/api/v1/tickets/" + ticket, NotifyHarness.TOKEN);
        List<String> results = new ArrayList<>();
        r.json().path("deliveries").forEach(d -> {
            if ("callout".equals(d.path("type").asText())) {
                results.add(d.path("result").asText());
            }
        });
        return results;
    }

    private static Element gatherOf(HttpResponse<String> twiml) throws Exception {
        assertThat(twiml.statusCode()).isEqualTo(200);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(twiml.body().getBytes(StandardCharsets.UTF_8)));
        return (Element) doc.getElementsByTagName("Gather").item(0);
    }
}
