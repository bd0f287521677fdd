package io.opsgate.engine.config;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest rate limit charges every alert, so one large request cannot buy more than the sustained rate. */
class RateLimiterTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void aRequestLargerThanTheBurstIsChargedEveryAlertItCarries() {
        RateLimiter limiter = new RateLimiter(10, 10);
        long t0 = System.nanoTime();

        assertThat(limiter.acquire(100, t0)).as("a full bucket lets one large request through").isZero();
        assertThat(limiter.acquire(1, t0 + 2 * SECOND)).as("but the 90 alerts beyond the burst are owed")
                .isGreaterThanOrEqualTo(7);
        assertThat(limiter.acquire(1, t0 + 10 * SECOND)).isZero();
    }

    @Test
    void overAnyStretchOfTimeNoMoreThanTheBurstPlusTheSustainedRateIsGranted() {
        Random random = new Random(13);
        for (int round = 0; round < 200; round++) {
            int perSecond = 1 + random.nextInt(50);
            int burst = 1 + random.nextInt(100);
            RateLimiter limiter = new RateLimiter(perSecond, burst);
            long start = System.nanoTime();
            long now = start;
            long granted = 0;
            for (int i = 0; i < 500; i++) {
                now += random.nextInt(200) * 1_000_000L;
                int n = 1 + random.nextInt(burst * 3);
                if (limiter.acquire(n, now) == 0) {
                    granted += n;
                }
            }
            double allowed = burst + perSecond * ((now - start) / (double) SECOND);
            // One request may overdraw the bucket once; what it overdrew is repaid before anything else passes.
            assertThat((double) granted).as("perSecond=%d burst=%d", perSecond, burst)
                    .isLessThanOrEqualTo(allowed + burst * 3);
        }
    }
}
