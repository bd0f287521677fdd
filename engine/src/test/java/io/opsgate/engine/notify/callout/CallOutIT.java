package io.opsgate.engine.notify.callout;

import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.suspension.SuspensionSet;
import io.opsgate.api.v1alpha1.CallOutSettings;
import io.opsgate.api.v1alpha1.ContactGroupSpec;
import io.opsgate.api.v1alpha1.OnCallScheduleSpec;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec;
import io.opsgate.engine.notify.channels.Credentials;
import io.opsgate.engine.notify.contacts.ContactDirectory;
import io.opsgate.engine.notify.DeliveryReport;
import io.opsgate.engine.support.MutableClock;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Call-outs end to end against a local Twilio-compatible provider: it accepts calls with basic auth,
 * fetches the TwiML from opsgate's callback URL, posts the key pressed or how the call ended, and signs
 * every callback. Time is the test's: the attempt timeouts and backoffs pass when it advances the clock.
 */
class CallOutIT {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "auth-token-of-the-test";
    private static final Map<String, String> PEOPLE = Map.of(
            "alice", "phone: \"+815012340001\"\nlanguage: ja-JP\ntimeZone: Asia/Tokyo\n",
            "bob", "phone: \"+815012340002\"\nlanguage: en-US\n",
            "carol", "phone: \"+815012340003\"\nlanguage: ja-JP\nquietHours: [{startTime: \"00:00\", endTime: \"24:00\"}]\n",
            "dave", "phone: \"+815012340004\"\nquietHours: [{startTime: \"00:00\", endTime: \"24:00\"}]\nquietHoursAction: Skip\n",
            "erin", "phone: \"+815012340005\"\nrateLimit: {calls: 1, per: 1h}\n");

    @TempDir
    Path secrets;

    private final Instant t0 = Instant.parse("2026-03-02T01:00:00Z");
    private MutableClock clock;
    private ManualScheduler scheduler;
    private FakeTwilio twilio;
    private CallbackServer callbackServer;
    private CallOutService service;
    private final List<CallAttempt> log = new CopyOnWriteArrayList<>();
    private final List<String> acknowledgements = new CopyOnWriteArrayList<>();
    private final List<String> fallbacks = new CopyOnWriteArrayList<>();
    private final Map<String, String> onCall = new ConcurrentHashMap<>();
    private final Map<String, ContactGroupSpec> groups = new ConcurrentHashMap<>();
    private volatile SuspensionSet suspensions = SuspensionSet.none();
    /** The attempt timeout of the call-out under test. */
    private Duration timeout = Duration.ofMinutes(2);

    @BeforeEach
    void start() throws Exception {
        clock = new MutableClock(t0);
        scheduler = new ManualScheduler(clock);
        twilio = new FakeTwilio(SID, TOKEN, clock);
        callbackServer = new CallbackServer();
        Path contacts = Files.createDirectories(secrets.resolve("opsgate-acme/opsgate-contacts"));
        for (Map.Entry<String, String> p : PEOPLE.entrySet()) {
            Files.writeString(contacts.resolve(p.getKey()), p.getValue());
        }
        Path channelSecret = Files.createDirectories(secrets.resolve("opsgate-acme/twilio"));
        Files.writeString(channelSecret.resolve("accountSid"), SID);
        Files.writeString(channelSecret.resolve("authToken"), TOKEN + "\n");
        Credentials credentials = new Credentials(secrets, true);
        java.util.function.Supplier<TwilioAccount> account = () -> {
            try {
                return new TwilioAccount(credentials.read("opsgate-acme", "twilio", "accountSid"),
                        credentials.read("opsgate-acme", "twilio", "authToken"));
            } catch (io.opsgate.engine.notify.channels.MissingCredential e) {
                throw new IllegalStateException(e.getMessage());
            }
        };
        CallProvider provider = new TwilioCompatibleProvider(TwilioCompatibleProvider.defaultClient(Duration.ofSeconds(5)),
                twilio.baseUrl(), account, Duration.ofSeconds(5), clock, credentials::redact);
        CallOutChannel phone = new CallOutChannel("phone", provider, "+15005550006", null, account);
        CallbackUrls urls = new CallbackUrls(callbackServer.url());
        service = CallOutService.builder()
                .tenant("acme")
                .scheduler(scheduler)
                .directory(new ContactDirectory(credentials, "opsgate-acme"))
                .channels(name -> "phone".equals(name) ? Optional.of(phone) : Optional.empty())
                .groups(name -> Optional.ofNullable(groups.get(name)))
                .onCall((schedule, at) -> Optional.ofNullable(onCall.get(schedule)))
                .suspensions(() -> suspensions)
                .ports(new CallOutPorts() {
                    @Override
                    public void record(CallAttempt attempt) {
                        log.add(attempt);
                    }

                    @Override
                    public void acknowledged(long ticketId, String person, Instant at) {
                        acknowledgements.add(ticketId + ":" + person + "@" + at);
                    }

                    @Override
                    public void notifyFallbackChannel(CallOutPlan plan, String channel) {
                        fallbacks.add(plan.ticketId() + ":" + channel);
                    }
                })
                .urls(urls)
                .retry(new Backoff(5, 1_000, 30_000))
                .random(() -> 0.0)
                .build();
        callbackServer.serve(new TwilioCallbacks(service, urls));
    }

    @AfterEach
    void stop() {
        callbackServer.close();
        twilio.close();
        scheduler.close();
    }

    // ---- the cases the issue names ----

    @Test
    void nobodyAnswersSoTheNextPersonIsCalledAfterTheTimeoutForEveryRoundThenTheFallback() throws Exception {
        ContactGroupSpec group = group(2, "2m", CallOutSettings.ContactMethod.Voice, "alice", "bob");
        group.fallback = new ContactGroupSpec.Fallback();
        group.fallback.channel = "sre-mail";
        service.start(plan(group, 7L, "Disk full on db-1 <primary> & replica")).get(5, TimeUnit.SECONDS);

        FakeTwilio.Call alice1 = awaitCall(1, "+815012340001");
        assertThat(alice1.at()).isEqualTo(t0);
        assertThat(alice1.timeoutSeconds()).as("rings a little shorter than the attempt timeout").isEqualTo(60);
        // The provider fetches the script as it would when alice picks up: Japanese, one key, the title escaped.
        Element gather = gatherOf(twilio.answer(alice1));
        assertThat(gather.getAttribute("numDigits")).isEqualTo("1");
        Element say = (Element) gather.getElementsByTagName("Say").item(0);
        assertThat(say.getAttribute("language")).isEqualTo("ja-JP");
        assertThat(say.getTextContent()).contains("Disk full on db-1 <primary> & replica", "1 を押してください");
        // She presses nothing; the attempt timeout passes.
        scheduler.advance(Duration.ofMinutes(2));

        FakeTwilio.Call bob1 = awaitCall(2, "+815012340002");
        assertThat(bob1.at()).isEqualTo(t0.plus(Duration.ofMinutes(2)));
        await().until(() -> twilio.hangUps().contains(alice1.sid()));
        twilio.finish(bob1, "no-answer");

        FakeTwilio.Call alice2 = awaitCall(3, "+815012340001");
        assertThat(alice2.at()).as("an unanswered call moves on at once").isEqualTo(t0.plus(Duration.ofMinutes(2)));
        scheduler.advance(Duration.ofMinutes(2));
        FakeTwilio.Call bob2 = awaitCall(4, "+815012340002");
        twilio.finish(bob2, "busy");

        await().until(() -> fallbacks.contains("7:sre-mail"));
        assertThat(log).extracting(a -> a.person, a -> a.result, a -> a.round).containsExactly(
                tuple("alice", CallResult.TIMED_OUT, 1),
                tuple("bob", CallResult.NO_ANSWER, 1),
                tuple("alice", CallResult.TIMED_OUT, 2),
                tuple("bob", CallResult.BUSY, 2),
                tuple(null, CallResult.FALLBACK, 0));
        scheduler.advance(Duration.ofMinutes(30));
        assertThat(twilio.calls()).hasSize(4);
        assertThat(twilio.overlaps()).isZero();
        assertThat(twilio.unauthorized()).isZero();
        assertThat(service.running(7L).get(5, TimeUnit.SECONDS)).isZero();

        List<DeliveryReport> deliveries = log.stream().map(CallAttempt::toDeliveryReport).toList();
        assertThat(deliveries).extracting(d -> d.channel, d -> d.result).startsWith(
                tuple("phone/alice", "timed-out"), tuple("phone/bob", "no-answer"));
        assertThat(deliveries).allSatisfy(d -> {
            assertThat(d.type).isEqualTo("callout");
            assertThat(d.ticketId).isEqualTo(7L);
        });
        assertNoPersonalData();
    }

    @Test
    void personTwoPressesOneSoTheTicketIsTheirsAndTheCallsStop() throws Exception {
        service.start(plan(group(3, "2m", CallOutSettings.ContactMethod.Voice, "alice", "bob"), 8L, "API errors"))
                .get(5, TimeUnit.SECONDS);
        twilio.finish(awaitCall(1, "+815012340001"), "no-answer");

        FakeTwilio.Call bob = awaitCall(2, "+815012340002");
        Element gather = gatherOf(twilio.answer(bob));
        assertThat(((Element) gather.getElementsByTagName("Say").item(0)).getAttribute("language")).isEqualTo("en-US");
        URI action = URI.create(gather.getAttribute("action"));
        // A wrong key is asked again; 1 acknowledges.
        assertThat(gatherOf(twilio.press(bob, action, "7"))).isNotNull();
        HttpResponse<String> thanks = twilio.press(bob, action, "1");
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("Thank you. Ticket 8 is acknowledged by you.", "<Hangup/>");

        await().until(() -> acknowledgements.equals(List.of("8:bob@" + t0)));
        twilio.finish(bob, "completed");
        scheduler.advance(Duration.ofMinutes(20));
        assertThat(twilio.calls()).hasSize(2);
        assertThat(log).extracting(a -> a.person, a -> a.result).containsExactly(
                tuple("alice", CallResult.NO_ANSWER), tuple("bob", CallResult.ACKNOWLEDGED));
        assertThat(log.get(1).toDeliveryReport().result).isEqualTo("acknowledged");
        assertThat(service.running(8L).get(5, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void a429And500AreRetriedWithBackoffOneRequestAtATime() throws Exception {
        twilio.scriptCalls(new FakeTwilio.Answer(429, "2", "{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}"),
                new FakeTwilio.Answer(500, null, "{\"code\": 20500, \"message\": \"Internal Server Error\", \"status\": 500}"));
        service.start(plan(group(1, "2m", CallOutSettings.ContactMethod.Voice, "alice"), 9L, "Queue stuck"))
                .get(5, TimeUnit.SECONDS);

        await().until(() -> log.size() == 1);
        assertThat(log.get(0).result).isEqualTo(CallResult.PROVIDER_RETRY);
        assertThat(log.get(0).httpStatus).isEqualTo(429);
        assertThat(log.get(0).nextAttemptAt).as("Retry-After: 2 is honoured").isEqualTo(t0.plusSeconds(2).toEpochMilli());
        scheduler.advance(Duration.ofSeconds(2));
        await().until(() -> log.size() == 2);
        assertThat(log.get(1).httpStatus).isEqualTo(500);
        assertThat(log.get(1).nextAttemptAt).as("backoff: half of 2 s at least").isEqualTo(t0.plusSeconds(3).toEpochMilli());
        scheduler.advance(Duration.ofSeconds(1));

        FakeTwilio.Call call = awaitCall(1, "+815012340001");
        assertThat(twilio.callPosts()).containsExactly(t0, t0.plusSeconds(2), t0.plusSeconds(3));
        assertThat(twilio.maxConcurrentPosts()).isEqualTo(1);
        assertThat(call.at()).isEqualTo(t0.plusSeconds(3));
        twilio.finish(call, "no-answer");
        await().until(() -> log.stream().anyMatch(a -> a.result == CallResult.EXHAUSTED));
        assertThat(log.get(0).detail).contains("code 20429", "try 2 of 5");
    }

    @Test
    void onePersonIsNeverInTwoCallsAboutTheSameTicket() throws Exception {
        // Level 1 calls the on-call person of "primary" (alice), level 2 a group that also has alice.
        OnCallScheduleSpec schedule = new OnCallScheduleSpec();
        schedule.callOut = new CallOutSettings("phone");
        schedule.callOut.attemptTimeout = "2m";
        onCall.put("primary", "alice");
        service.start(CallOutPlan.forSchedule("primary", schedule).tenant("acme")
                .ticket(10L, new CallOutMessage(10L, "Latency", "P2", "warning")).build()).get(5, TimeUnit.SECONDS);
        FakeTwilio.Call first = awaitCall(1, "+815012340001");
        service.start(plan(group(1, "2m", CallOutSettings.ContactMethod.Voice, "alice"), 10L, "Latency"))
                .get(5, TimeUnit.SECONDS);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> twilio.calls().size() == 1);
        twilio.finish(first, "no-answer");

        FakeTwilio.Call second = awaitCall(2, "+815012340001");
        assertThat(twilio.overlaps()).isZero();
        twilio.finish(second, "no-answer");
        await().until(() -> log.stream().filter(a -> a.result == CallResult.EXHAUSTED).count() == 2);
        assertThat(log).extracting(a -> a.target, a -> a.result).containsExactly(
                tuple("oncallschedule/primary", CallResult.NO_ANSWER),
                tuple("oncallschedule/primary", CallResult.EXHAUSTED),
                tuple("contactgroup/db-team", CallResult.NO_ANSWER),
                tuple("contactgroup/db-team", CallResult.EXHAUSTED));
    }

    // ---- people: quiet hours, rate limits, missing entries, schedules ----

    @Test
    void quietHoursSendAnSmsOrSkipAndMissingPeopleAreSkipped() throws Exception {
        service.start(plan(group(1, "2m", CallOutSettings.ContactMethod.Voice, "ghost", "dave", "carol"), 11L, "Backup failed"))
                .get(5, TimeUnit.SECONDS);

        await().until(() -> twilio.messages().size() == 1);
        FakeTwilio.Sms sms = twilio.messages().get(0);
        assertThat(sms.to()).isEqualTo("+815012340003");
        assertThat(sms.from()).isEqualTo("+15005550006");
        assertThat(sms.body()).isEqualTo("[opsgate] P2 チケット 11: Backup failed");
        await().until(() -> scheduler.hasDue(t0.plus(Duration.ofMinutes(2))));
        scheduler.advance(Duration.ofMinutes(2));
        await().until(() -> log.stream().anyMatch(a -> a.result == CallResult.EXHAUSTED));

        assertThat(twilio.calls()).isEmpty();
        assertThat(log).extracting(a -> a.person, a -> a.result, a -> a.method).containsExactly(
                tuple("ghost", CallResult.NO_CONTACT, null),
                tuple("dave", CallResult.QUIET_HOURS_SKIPPED, null),
                tuple("carol", CallResult.SMS_SENT, "sms"),
                tuple("carol", CallResult.TIMED_OUT, "sms"),
                tuple(null, CallResult.EXHAUSTED, null));
        assertThat(log.get(2).detail).isEqualTo("quiet hours: SMS instead of a call");
    }

    @Test
    void aPersonsRateLimitSpansTickets() throws Exception {
        service.start(plan(group(1, "2m", CallOutSettings.ContactMethod.Voice, "erin"), 12L, "A")).get(5, TimeUnit.SECONDS);
        twilio.finish(awaitCall(1, "+815012340005"), "no-answer");
        service.start(plan(group(1, "2m", CallOutSettings.ContactMethod.Voice, "erin", "bob"), 13L, "B")).get(5, TimeUnit.SECONDS);

        FakeTwilio.Call bob = awaitCall(2, "+815012340002");
        assertThat(log.stream().filter(a -> a.ticketId == 13L).map(a -> a.result).toList()).first()
                .isEqualTo(CallResult.RATE_LIMITED);
        twilio.finish(bob, "no-answer");
        scheduler.advance(Duration.ofHours(1));
        service.start(plan(group(1, "2m", CallOutSettings.ContactMethod.Voice, "erin"), 14L, "C")).get(5, TimeUnit.SECONDS);
        assertThat(awaitCall(3, "+815012340005").at()).as("an hour later erin may be called again")
                .isEqualTo(t0.plus(Duration.ofHours(1)));
    }

    @Test
    void aScheduleMemberIsWhoeverIsOnCallWhenItsTurnComes() throws Exception {
        ContactGroupSpec spec = new ContactGroupSpec();
        spec.members = new ArrayList<>(List.of(ContactGroupSpec.Member.schedule("primary"),
                ContactGroupSpec.Member.schedule("secondary")));
        spec.rounds = 1;
        spec.callOut = new CallOutSettings("phone");
        spec.callOut.attemptTimeout = "1m";
        timeout = Duration.ofMinutes(1);
        onCall.put("secondary", "bob");
        service.start(plan(spec, 15L, "X")).get(5, TimeUnit.SECONDS);

        twilio.finish(awaitCall(1, "+815012340002"), "failed");
        await().until(() -> log.stream().anyMatch(a -> a.result == CallResult.EXHAUSTED));
        assertThat(log).extracting(a -> a.person, a -> a.result).containsExactly(
                tuple(null, CallResult.NOBODY_ON_CALL), tuple("bob", CallResult.FAILED), tuple(null, CallResult.EXHAUSTED));
        assertThat(log.get(0).detail).isEqualTo("nobody is on call in primary");
    }

    // ---- stopping: acknowledged elsewhere, suspended, fallback group ----

    @Test
    void anAcknowledgementElsewhereStopsTheCallOutAndHangsUp() throws Exception {
        service.start(plan(group(2, "2m", CallOutSettings.ContactMethod.Voice, "alice", "bob"), 16L, "Y"))
                .get(5, TimeUnit.SECONDS);
        FakeTwilio.Call alice = awaitCall(1, "+815012340001");
        service.acknowledgedElsewhere(16L, "hanako (console)");

        await().until(() -> twilio.hangUps().contains(alice.sid()));
        scheduler.advance(Duration.ofMinutes(30));
        assertThat(twilio.calls()).hasSize(1);
        assertThat(log).extracting(a -> a.result, a -> a.detail)
                .containsExactly(tuple(CallResult.STOPPED, "acknowledged by hanako (console)"));
        assertThat(acknowledgements).as("the one who acknowledged already told the ticket").isEmpty();
    }

    @Test
    void aSuspensionOfCallOutsMeansNobodyIsCalled() throws Exception {
        OperationsSuspensionSpec s = new OperationsSuspensionSpec();
        s.reason = "storage migration";
        s.requestedBy = "taro";
        s.window = new OperationsSuspensionSpec.SuspensionWindow();
        s.window.start = t0.minus(Duration.ofHours(1)).toString();
        s.window.end = t0.plus(Duration.ofHours(1)).toString();
        s.suspend = new ArrayList<>(List.of(OperationsSuspensionSpec.SuspendedOperation.CallOuts));
        s.matchers = new ArrayList<>(List.of("service=\"db\""));
        suspensions = SuspensionSet.compile(List.of(new NamedSpec<>("migration", 1L, s)));

        service.start(plan(group(1, "2m", CallOutSettings.ContactMethod.Voice, "alice"), 17L, "DB down")).get(5, TimeUnit.SECONDS);
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(twilio.calls()).isEmpty();
        assertThat(log).singleElement().satisfies(a -> {
            assertThat(a.result).isEqualTo(CallResult.SUSPENDED);
            assertThat(a.detail).contains("migration", "storage migration", "taro");
        });

        // Another alert's call-out is not suspended.
        service.start(CallOutPlan.forContactGroup("web-team", group(1, "2m", CallOutSettings.ContactMethod.Voice, "bob"))
                .tenant("acme").ticket(18L, new CallOutMessage(18L, "Web down", "P1", "critical"))
                .alertLabels(Map.of("service", "web")).build()).get(5, TimeUnit.SECONDS);
        awaitCall(1, "+815012340002");
    }

    @Test
    void theFallbackGroupIsCalledNextWithVoiceAndSms() throws Exception {
        groups.put("managers", group(1, "2m", CallOutSettings.ContactMethod.VoiceAndSMS, "bob"));
        ContactGroupSpec first = group(1, "2m", CallOutSettings.ContactMethod.Voice, "alice");
        first.fallback = new ContactGroupSpec.Fallback();
        first.fallback.contactGroup = "managers";
        service.start(plan(first, 19L, "Z")).get(5, TimeUnit.SECONDS);
        twilio.finish(awaitCall(1, "+815012340001"), "no-answer");

        FakeTwilio.Call bob = awaitCall(2, "+815012340002");
        await().until(() -> log.stream().anyMatch(a -> a.result == CallResult.SMS_SENT));
        assertThat(twilio.messages().get(0).body()).isEqualTo("[opsgate] P2 ticket 19: Z");
        Element gather = gatherOf(twilio.answer(bob));
        twilio.press(bob, URI.create(gather.getAttribute("action")), "1");
        await().until(() -> acknowledgements.contains("19:bob@" + t0));
        assertThat(log).extracting(a -> a.target, a -> a.person, a -> a.result).containsExactly(
                tuple("contactgroup/db-team", "alice", CallResult.NO_ANSWER),
                tuple("contactgroup/db-team", null, CallResult.FALLBACK),
                tuple("contactgroup/managers", "bob", CallResult.SMS_SENT),
                tuple("contactgroup/managers", "bob", CallResult.ACKNOWLEDGED));
    }

    // ---- the callback route refuses what the provider did not send ----

    @Test
    void callbacksWithoutAValidSignatureOrForAnUnknownAttemptAreRefused() throws Exception {
        service.start(plan(group(1, "2m", CallOutSettings.ContactMethod.Voice, "alice"), 20L, "Q")).get(5, TimeUnit.SECONDS);
        FakeTwilio.Call call = awaitCall(1, "+815012340001");
        Element gather = gatherOf(twilio.answer(call));
        URI action = URI.create(gather.getAttribute("action"));

        Map<String, String> signedFor7 = Map.of("CallSid", call.sid(), "Digits", "7");
        String signature = twilio.sign(action.toString(), signedFor7);
        assertThat(twilio.post(action, Map.of("CallSid", call.sid(), "Digits", "1"), signature).statusCode())
                .as("parameters changed after signing").isEqualTo(403);
        assertThat(twilio.post(action, Map.of("CallSid", call.sid(), "Digits", "1"), null).statusCode())
                .as("no signature").isEqualTo(403);
        URI unknown = URI.create(callbackServer.url() + "/api/v1/callouts/acme/not-a-token/gather");
        assertThat(twilio.signedPost(unknown, Map.of("Digits", "1")).statusCode()).isEqualTo(404);
        URI otherTenant = URI.create(action.toString().replace("/callouts/acme/", "/callouts/globex/"));
        assertThat(twilio.signedPost(otherTenant, Map.of("Digits", "1")).statusCode()).isEqualTo(404);

        scheduler.idle();
        assertThat(acknowledgements).isEmpty();
        assertThat(twilio.press(call, action, "1").statusCode()).isEqualTo(200);
        await().until(() -> acknowledgements.size() == 1);
    }

    // ---- helpers ----

    private ContactGroupSpec group(int rounds, String timeout, CallOutSettings.ContactMethod method, String... people) {
        ContactGroupSpec spec = new ContactGroupSpec();
        spec.members = new ArrayList<>();
        for (String p : people) {
            spec.members.add(ContactGroupSpec.Member.person(p));
        }
        spec.rounds = rounds;
        spec.callOut = new CallOutSettings("phone");
        spec.callOut.method = method;
        spec.callOut.attemptTimeout = timeout;
        return spec;
    }

    private CallOutPlan plan(ContactGroupSpec group, long ticket, String title) {
        return CallOutPlan.forContactGroup("db-team", group).tenant("acme").level(2)
                .ticket(ticket, new CallOutMessage(ticket, title, "P2", "critical"))
                .alertLabels(Map.of("service", "db", "alertname", "X")).build();
    }

    /** Waits for call number {@code n} to {@code number} and for its attempt timer ({@link #timeout}) to be armed. */
    private FakeTwilio.Call awaitCall(int n, String number) {
        await().atMost(Duration.ofSeconds(10)).until(() -> twilio.calls().size() >= n);
        FakeTwilio.Call call = twilio.calls().get(n - 1);
        assertThat(call.to()).isEqualTo(number);
        assertThat(call.from()).isEqualTo("+15005550006");
        assertThat(call.url().getPath()).endsWith("/twiml");
        assertThat(call.statusCallback().getPath()).endsWith("/status");
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.hasDue(clock.instant().plus(timeout)));
        return call;
    }

    private static Element gatherOf(HttpResponse<String> twiml) throws Exception {
        assertThat(twiml.statusCode()).isEqualTo(200);
        assertThat(twiml.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(twiml.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("Response");
        return (Element) doc.getElementsByTagName("Gather").item(0);
    }

    private void assertNoPersonalData() {
        for (CallAttempt a : log) {
            assertThat(String.valueOf(a.detail) + a).doesNotContain("+8150", "50-1234");
        }
    }
}
