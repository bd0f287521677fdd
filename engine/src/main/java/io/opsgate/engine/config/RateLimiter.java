package io.opsgate.engine.config;

/**
 * A token bucket on accepted alerts: {@code perSecond} sustained, {@code burst} at once, every alert charged.
 * Thread-safe; taken by event-loop threads of all connections.
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
     * Takes {@code n} tokens, one per alert. A request of more alerts than the burst passes only on a full bucket
     * and leaves it in debt by the excess, so what it carried beyond the burst is paid for before anything else
     * passes: over any stretch of time no more than the burst plus the sustained rate gets in.
     *
     * @return 0 when granted, else the whole seconds to wait before trying again
     */
    public synchronized long acquire(int n, long nowNanos) {
        double elapsed = Math.max(0, nowNanos - last) / 1e9;
        last = Math.max(last, nowNanos);
        tokens = Math.min(burst, tokens + elapsed * perSecond);
        double need = Math.min(n, burst);
        if (tokens >= need) {
            tokens -= n;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((need - tokens) / perSecond));
    }
}
