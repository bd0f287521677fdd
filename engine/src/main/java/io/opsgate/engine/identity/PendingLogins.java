package io.opsgate.engine.identity;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-ins under way at the identity provider, keyed by their {@code state}: each remembers the tenant,
 * the PKCE verifier, the nonce and the browser binding (a random value in a cookie of the browser that
 * started it, so a callback carried into another browser is refused). Single use; ten minutes at most.
 */
final class PendingLogins {
    static final long TTL_MILLIS = 10 * 60_000L;
    static final int MAX_PENDING = 10_000;

    /**
     * One sign-in under way.
     *
     * @param tenant    the tenant signed in to
     * @param verifier  the PKCE code verifier
     * @param nonce     expected in the ID token
     * @param binding   the value of the browser's binding cookie
     * @param createdAt epoch ms
     */
    record Pending(String tenant, String verifier, String nonce, String binding, long createdAt) {
    }

    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    PendingLogins(Clock clock) {
        this.clock = clock;
    }

    /** Starts one; returns its state. */
    String start(String tenant, String verifier, String nonce, String binding) {
        long now = clock.millis();
        if (pending.size() >= MAX_PENDING) {
            pending.values().removeIf(p -> p.createdAt() + TTL_MILLIS <= now);
            if (pending.size() >= MAX_PENDING) {
                throw new IllegalStateException("too many sign-ins under way; try again in a few minutes");
            }
        }
        String state = Secrets.random(32);
        pending.put(state, new Pending(tenant, verifier, nonce, binding, now));
        return state;
    }

    /** Takes the sign-in of {@code state} (it cannot be used again), or null when unknown or too old. */
    Pending take(String state) {
        if (state == null) {
            return null;
        }
        Pending p = pending.remove(state);
        return p == null || p.createdAt() + TTL_MILLIS <= clock.millis() ? null : p;
    }
}
