package io.opsgate.engine.config;

/**
 * A token bucket on accepted alerts: {@code perSecond} sustained, {@code burst} at once. Thread-safe;
 * taken by event-loop threads of all connections.
 */
public final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private double tokens;
    private long last;

    public RateLimiter(int perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.last = System.nanoTime();
    }

    /**
     * Takes {@code n} tokens (a request larger than the burst takes the whole burst).
     *
     * @return 0 when granted, else the whole seconds to wait before trying again
     */
    public synchronized long acquire(int n, long nowNanos) {
        double elapsed = (nowNanos - last) / 1e9;
        last = nowNanos;
        tokens = Math.min(burst, tokens + elapsed * perSecond);
        double need = Math.min(n, burst);
        if (tokens >= need) {
            tokens -= need;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((need - tokens) / perSecond));
    }
}
