package io.opsgate.engine.notify.delivery;

/**
 * A channel's rate limit: {@code perMinute} notifications per minute with bursts of {@code burst}.
 * Times come from the caller (the notifier's clock); a notification over the limit waits, it is never dropped.
 */
final class TokenBucket {
    private final int perMinute;
    private final int burst;
    private double tokens;
    private long lastMillis;

    TokenBucket(int perMinute, int burst, long nowMillis) {
        this.perMinute = perMinute;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.lastMillis = nowMillis;
    }

    boolean sameLimit(int perMinute, int burst) {
        return this.perMinute == perMinute && this.burst == Math.max(1, burst);
    }

    /** Takes a token and returns 0, or returns how many milliseconds until one is there (taking none). */
    long take(long nowMillis) {
        if (nowMillis > lastMillis) {
            tokens = Math.min(burst, tokens + (nowMillis - lastMillis) * perMinute / 60_000.0);
            lastMillis = nowMillis;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) * 60_000.0 / perMinute));
    }
}
