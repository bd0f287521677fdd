package io.opsgate.engine.notify.delivery;

import java.util.function.DoubleSupplier;

/**
 * When to try again: exponential backoff from {@code baseMillis}, doubled per attempt up to
 * {@code maxMillis}, with equal jitter (half fixed, half random) so receivers that failed together are not
 * retried together; a Retry-After from the receiver is honoured as asked. After {@code maxAttempts}
 * attempts the delivery is dead-lettered.
 */
public record RetryPolicy(int maxAttempts, long baseMillis, long maxMillis) {
    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    public RetryPolicy {
        if (maxAttempts < 1 || baseMillis < 1 || maxMillis < baseMillis) {
            throw new IllegalArgumentException("retry policy needs maxAttempts >= 1 and 1 <= base <= max");
        }
    }

    public static RetryPolicy defaults(int maxAttempts) {
        return new RetryPolicy(maxAttempts, 1_000, 300_000);
    }

    /**
     * The wait after failed attempt number {@code attempt} (from 1).
     *
     * @param retryAfterMillis what the receiver asked for, 0 when nothing
     * @param random           uniform in [0, 1)
     */
    public long delayAfter(int attempt, long retryAfterMillis, DoubleSupplier random) {
        if (retryAfterMillis > 0) {
            return retryAfterMillis;
        }
        long exp = Math.min(maxMillis, baseMillis << Math.min(Math.max(attempt - 1, 0), 30));
        long half = exp / 2;
        return half + (long) (random.getAsDouble() * (exp - half + 1));
    }
}
