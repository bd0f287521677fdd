package io.opsgate.engine.identity;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Backoff after failed password sign-ins for one kind of key (a user name, a source address): the first
 * {@code freeFailures} failures cost nothing; each further one locks the key for twice as long as the last,
 * from 1 second up to {@value #MAX_LOCK_SECONDS} seconds. A success clears the key's count. Keys unused for
 * a day are forgotten.
 */
public final class LoginThrottle {
    /** Failures a user name gets for free; a source address (perhaps a shared NAT) gets more. */
    public static final int FREE_FAILURES = 5;
    public static final int FREE_FAILURES_PER_ADDRESS = 20;
    static final long MAX_LOCK_SECONDS = 15 * 60;
    static final int MAX_KEYS = 100_000;

    private static final class Failures {
        int count;
        long lockedUntil;
        long last;
    }

    private final Clock clock;
    private final int freeFailures;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock, int freeFailures) {
        this.clock = clock;
        this.freeFailures = freeFailures;
    }

    /** Seconds the caller must wait before trying {@code keys} again; 0 when it may try now. */
    public long retryAfterSeconds(String... keys) {
        long now = clock.millis();
        long wait = 0;
        for (String k : keys) {
            Failures f = failures.get(k);
            if (f != null) {
                synchronized (f) {
                    wait = Math.max(wait, f.lockedUntil - now);
                }
            }
        }
        return wait <= 0 ? 0 : (wait + 999) / 1000;
    }

    /** Counts a failure against each key. */
    public void failed(String... keys) {
        long now = clock.millis();
        if (failures.size() >= MAX_KEYS) {
            failures.values().removeIf(f -> f.last + 86_400_000L <= now);
        }
        for (String k : keys) {
            Failures f = failures.computeIfAbsent(k, x -> new Failures());
            synchronized (f) {
                f.count++;
                f.last = now;
                if (f.count > freeFailures) {
                    long seconds = Math.min(MAX_LOCK_SECONDS, 1L << Math.min(20, f.count - freeFailures - 1));
                    f.lockedUntil = now + seconds * 1000;
                }
            }
        }
    }

    /** Clears the count of {@code key} after a successful sign-in. */
    public void succeeded(String key) {
        failures.remove(key);
    }
}
