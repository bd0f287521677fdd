package io.opsgate.engine.notify.callout;

import java.util.function.DoubleSupplier;

/**
 * When to send a provider request again after 429, 5xx or no answer: exponential backoff from
 * {@code baseMillis}, doubled per try up to {@code maxMillis}, with equal jitter (half fixed, half random),
 * as notify's delivery retries do; a Retry-After from the provider is honoured as asked. After
 * {@code maxTries} tries the request has failed. (notify.delivery's RetryPolicy has the same shape; the
 * call-out stands beside delivery, so it cannot use it: one of the two could move below both.)
 *
 * @param maxTries   tries in all, at least 1
 * @param baseMillis the first wait, at least 1
 * @param maxMillis  the longest wait
 */
public record Backoff(int maxTries, long baseMillis, long maxMillis) {

    public Backoff {
        if (maxTries < 1 || baseMillis < 1 || maxMillis < baseMillis) {
            throw new IllegalArgumentException("a backoff needs maxTries >= 1 and 1 <= base <= max");
        }
    }

    /** Five tries, 1 s doubling to 30 s: a provider that is down for a minute is waited out. */
    public static final Backoff DEFAULT = new Backoff(5, 1_000, 30_000);

    /**
     * The wait after failed try number {@code tryNumber} (from 1).
     *
     * @param retryAfterMillis what the provider asked for, 0 when nothing
     * @param random           uniform in [0, 1)
     */
    public long delayAfter(int tryNumber, long retryAfterMillis, DoubleSupplier random) {
        if (retryAfterMillis > 0) {
            return retryAfterMillis;
        }
        long exp = Math.min(maxMillis, baseMillis << Math.min(Math.max(tryNumber - 1, 0), 30));
        long half = exp / 2;
        return half + (long) (random.getAsDouble() * (exp - half + 1));
    }
}
