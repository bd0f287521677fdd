package io.opsgate.engine.notify.delivery;

import io.opsgate.engine.notify.channels.RetryAfter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backoff with jitter, Retry-After, and the per-channel token bucket, on numbers the test chooses. */
class DeliveryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(8, 1_000, 300_000);

    @Test
    void backoffDoublesPerAttemptWithEqualJitterUpToTheCap() {
        // random 0 gives the fixed half, random just below 1 the full exponential step.
        assertThat(policy.delayAfter(1, 0, () -> 0.0)).isEqualTo(500);
        assertThat(policy.delayAfter(1, 0, () -> 0.999999)).isEqualTo(1_000);
        assertThat(policy.delayAfter(2, 0, () -> 0.0)).isEqualTo(1_000);
        assertThat(policy.delayAfter(3, 0, () -> 0.0)).isEqualTo(2_000);
        assertThat(policy.delayAfter(4, 0, () -> 0.5)).isBetween(6_000L, 6_001L);
        assertThat(policy.delayAfter(30, 0, () -> 0.0)).isEqualTo(150_000);
        assertThat(policy.delayAfter(30, 0, () -> 0.999999)).isEqualTo(300_000);
    }

    @Test
    void jitterSpreadsReceiversThatFailedTogether() {
        java.util.Random r = new java.util.Random(7);
        java.util.Set<Long> delays = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            long d = policy.delayAfter(5, 0, r::nextDouble);
            assertThat(d).isBetween(8_000L, 16_000L);
            delays.add(d);
        }
        assertThat(delays.size()).isGreaterThan(40);
    }

    @Test
    void aRetryAfterFromTheReceiverReplacesTheBackoff() {
        assertThat(policy.delayAfter(1, 120_000, () -> 0.0)).isEqualTo(120_000);
        assertThat(policy.delayAfter(7, 2_000, () -> 0.9)).isEqualTo(2_000);
    }

    @Test
    void aPolicyThatCannotWorkIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, 1_000, 2_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, 5_000, 1_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDateAndCapped() {
        long now = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(now + 90_000).atZone(ZoneOffset.UTC));
        assertThat(RetryAfter.millis("120", now)).isEqualTo(120_000);
        assertThat(RetryAfter.millis(" 5 ", now)).isEqualTo(5_000);
        assertThat(RetryAfter.millis(date, now)).isEqualTo(90_000);
        assertThat(RetryAfter.millis("Mon, 02 Mar 2026 09:00:00 GMT", now)).isZero();
        assertThat(RetryAfter.millis("86400", now)).isEqualTo(RetryAfter.MAX_MILLIS);
        assertThat(RetryAfter.millis("soon", now)).isZero();
        assertThat(RetryAfter.millis(null, now)).isZero();
        assertThat(RetryAfter.millis("-3", now)).isZero();
    }

    @Test
    void theTokenBucketLetsABurstThroughThenOneAtTheRate() {
        long t = 1_000_000;
        TokenBucket b = new TokenBucket(6, 2, t); // one every 10 s, bursts of 2
        assertThat(b.take(t)).isZero();
        assertThat(b.take(t)).isZero();
        assertThat(b.take(t)).isEqualTo(10_000);
        assertThat(b.take(t + 4_000)).isEqualTo(6_000);
        assertThat(b.take(t + 10_000)).isZero();
        assertThat(b.take(t + 10_000)).isEqualTo(10_000);
        // A long pause refills only up to the burst.
        assertThat(b.take(t + 600_000)).isZero();
        assertThat(b.take(t + 600_000)).isZero();
        assertThat(b.take(t + 600_000)).isPositive();
    }

    @Test
    void aBucketKnowsWhetherItsLimitChanged() {
        TokenBucket b = new TokenBucket(60, 10, 0);
        assertThat(b.sameLimit(60, 10)).isTrue();
        assertThat(b.sameLimit(60, 5)).isFalse();
        assertThat(b.sameLimit(30, 10)).isFalse();
    }
}
