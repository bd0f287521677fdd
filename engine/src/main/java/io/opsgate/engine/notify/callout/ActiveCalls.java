package io.opsgate.engine.notify.callout;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The calls in progress per ticket and person, so that one person is never in two calls about the same
 * ticket at once (two escalation levels, or a group and a schedule, may both reach them). A claim lasts
 * from placing the call until it has ended; who waits for the person runs when it is released.
 * Confined to the {@link TaskScheduler}'s thread.
 */
final class ActiveCalls {

    private record Key(long ticketId, String person) {
    }

    private final Map<Key, Object> owners = new HashMap<>();
    private final Map<Key, Deque<Runnable>> waiting = new HashMap<>();

    /** Claims the person for {@code owner}; false when another call about the ticket holds them. */
    boolean tryClaim(long ticketId, String person, Object owner) {
        Key k = new Key(ticketId, person);
        Object current = owners.get(k);
        if (current != null && current != owner) {
            return false;
        }
        owners.put(k, owner);
        return true;
    }

    /** Whether a call about the ticket holds the person. */
    boolean isClaimed(long ticketId, String person) {
        return owners.containsKey(new Key(ticketId, person));
    }

    /** Runs {@code then} once the person's call about the ticket has ended. */
    void whenReleased(long ticketId, String person, Runnable then) {
        waiting.computeIfAbsent(new Key(ticketId, person), k -> new ArrayDeque<>()).add(then);
    }

    /** Ends {@code owner}'s claim, and lets the first waiter go on. */
    void release(long ticketId, String person, Object owner) {
        Key k = new Key(ticketId, person);
        if (owners.get(k) != owner) {
            return;
        }
        owners.remove(k);
        Deque<Runnable> queue = waiting.get(k);
        if (queue != null) {
            Runnable next = queue.poll();
            if (queue.isEmpty()) {
                waiting.remove(k);
            }
            if (next != null) {
                next.run();
            }
        }
    }
}
