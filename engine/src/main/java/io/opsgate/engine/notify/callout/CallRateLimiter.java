package io.opsgate.engine.notify.callout;

import io.opsgate.engine.notify.contacts.ContactCard;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Each person's own limit on call-outs (calls and SMS, over all tickets of the tenant), as a sliding
 * window. Confined to the {@link TaskScheduler}'s thread.
 */
final class CallRateLimiter {
    private final Map<String, Deque<Instant>> recent = new HashMap<>();

    /** Counts a call-out to the person at {@code now}, or refuses it when their limit is reached. */
    boolean tryAcquire(String person, ContactCard.RateLimit limit, Instant now) {
        Deque<Instant> times = recent.computeIfAbsent(person, p -> new ArrayDeque<>());
        Instant horizon = now.minus(limit.per());
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.pollFirst();
        }
        if (times.size() >= limit.calls()) {
            return false;
        }
        times.addLast(now);
        return true;
    }
}
