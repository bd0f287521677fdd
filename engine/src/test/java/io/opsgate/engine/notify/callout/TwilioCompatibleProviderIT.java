package io.opsgate.engine.notify.callout;

import io.opsgate.engine.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Twilio-compatible client against the local provider: auth, resources, and how answers are sorted. */
class TwilioCompatibleProviderIT {

    private static final String SID = "AC00000000000000000000000000000001";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private FakeTwilio twilio;

    @BeforeEach
    void start() throws Exception {
        twilio = new FakeTwilio(SID, "right-token", clock);
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    private TwilioCompatibleProvider provider(String token) {
        return new TwilioCompatibleProvider(TwilioCompatibleProvider.defaultClient(Duration.ofSeconds(5)), twilio.baseUrl(),
                () -> new TwilioAccount(SID, token), Duration.ofSeconds(5), clock, s -> s.replace(token, "***"));
    }

    private static CallRequest call() {
        return new CallRequest("+815012340001", "+15005550006", URI.create("https://x.example/twiml"),
                URI.create("https://x.example/status"), Duration.ofSeconds(45));
    }

    @Test
    void aCallAnSmsAndAHangUpAreAccepted() throws Exception {
        TwilioCompatibleProvider p = provider("right-token");
        ProviderAnswer call = p.call(call()).get(10, TimeUnit.SECONDS);
        assertThat(call.kind()).isEqualTo(ProviderAnswer.Kind.ACCEPTED);
        assertThat(call.status()).isEqualTo("queued");
        assertThat(twilio.calls()).singleElement().satisfies(c -> {
            assertThat(c.sid()).isEqualTo(call.id());
            assertThat(c.to()).isEqualTo("+815012340001");
            assertThat(c.url()).isEqualTo(URI.create("https://x.example/twiml"));
            assertThat(c.statusCallback()).isEqualTo(URI.create("https://x.example/status"));
            assertThat(c.timeoutSeconds()).isEqualTo(45);
        });

        ProviderAnswer sms = p.sms(new SmsRequest("+815012340001", "+15005550006", "本文 & text")).get(10, TimeUnit.SECONDS);
        assertThat(sms.kind()).isEqualTo(ProviderAnswer.Kind.ACCEPTED);
        assertThat(twilio.messages()).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("本文 & text"));

        ProviderAnswer hangUp = p.hangUp(call.id()).get(10, TimeUnit.SECONDS);
        assertThat(hangUp.kind()).isEqualTo(ProviderAnswer.Kind.ACCEPTED);
        assertThat(twilio.hangUps()).containsExactly(call.id());
        assertThat(twilio.inCall("+815012340001")).isFalse();
    }

    @Test
    void wrongCredentialsAreRejectedWithoutShowingTheToken() throws Exception {
        ProviderAnswer answer = provider("wrong-token").call(call()).get(10, TimeUnit.SECONDS);
        assertThat(answer.kind()).isEqualTo(ProviderAnswer.Kind.REJECTED);
        assertThat(answer.httpStatus()).isEqualTo(401);
        assertThat(answer.error()).contains("code 20003").doesNotContain("wrong-token");
        assertThat(twilio.unauthorized()).isEqualTo(1);
        assertThat(twilio.calls()).isEmpty();
    }

    @Test
    void throttlingAndServerErrorsAreRetriesAndOtherErrorsRejections() throws Exception {
        twilio.scriptCalls(new FakeTwilio.Answer(429, "7", "{\"code\": 20429, \"message\": \"Too Many Requests\"}"),
                new FakeTwilio.Answer(503, null, ""),
                new FakeTwilio.Answer(400, null, "{\"code\": 21211, \"message\": \"The 'To' number +815012340001 is not a valid phone number.\"}"));
        TwilioCompatibleProvider p = provider("right-token");

        ProviderAnswer throttled = p.call(call()).get(10, TimeUnit.SECONDS);
        assertThat(throttled.kind()).isEqualTo(ProviderAnswer.Kind.RETRY);
        assertThat(throttled.retryAfterMillis()).isEqualTo(7_000);
        ProviderAnswer unavailable = p.call(call()).get(10, TimeUnit.SECONDS);
        assertThat(unavailable.kind()).isEqualTo(ProviderAnswer.Kind.RETRY);
        assertThat(unavailable.httpStatus()).isEqualTo(503);
        ProviderAnswer invalid = p.call(call()).get(10, TimeUnit.SECONDS);
        assertThat(invalid.kind()).isEqualTo(ProviderAnswer.Kind.REJECTED);
        assertThat(invalid.error()).isEqualTo("HTTP 400 code 21211: The 'To' number *** is not a valid phone number.");
    }

    @Test
    void anUnreachableProviderIsARetry() throws Exception {
        URI closed = twilio.baseUrl();
        twilio.close();
        TwilioCompatibleProvider p = new TwilioCompatibleProvider(TwilioCompatibleProvider.defaultClient(Duration.ofSeconds(2)),
                closed, () -> new TwilioAccount(SID, "t"), Duration.ofSeconds(2), clock, s -> s);
        ProviderAnswer answer = p.call(call()).get(10, TimeUnit.SECONDS);
        assertThat(answer.kind()).isEqualTo(ProviderAnswer.Kind.RETRY);
        assertThat(answer.httpStatus()).isZero();
    }
}
