package io.opsgate.engine.alerting;

import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.IncomingAlert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The alerts a tenant holds, one per fingerprint, as Alertmanager's alert provider holds them: a repeat is
 * merged into the held alert, and every firing alert waits in a queue for its end. Owned by the tenant's lane.
 */
public final class HeldAlerts {
    /** Alertmanager's resolve_timeout: an alert without endsAt resolves this long after its last update. */
    public static final long RESOLVE_TIMEOUT_MILLIS = 5 * 60_000L;

    private record Expiry(long at, String fingerprint) implements Comparable<Expiry> {
        @Override
        public int compareTo(Expiry o) {
            return Long.compare(at, o.at);
        }
    }

    private final Map<String, Alert> byFingerprint = new HashMap<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>();
    /** The end each fingerprint is queued for; an older queue entry of it is stale and skipped. */
    private final Map<String, Long> expiryQueued = new HashMap<>();

    /** The held alert of a fingerprint (also a resolved one), or null. */
    public Alert get(String fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    /** Every held alert. */
    public Collection<Alert> all() {
        return byFingerprint.values();
    }

    public int size() {
        return byFingerprint.size();
    }

    /** Holds a stored alert at start; a firing one waits for its end. */
    public void restore(Alert a, long now) {
        byFingerprint.put(a.fingerprint, a);
        if (a.firingAt(now)) {
            scheduleExpiry(a);
        }
    }

    /**
     * Takes one received alert in. A new fingerprint is held from now on and filed for inhibition; a repeat
     * ({@code held}) is merged as Alertmanager merges it, and filed again where what inhibition or grouping
     * read of it changed (an event's labels under its dedupKey, or annotations that inhibiting text rules
     * read). Records a change between firing and resolved, and queues a firing alert for its end.
     *
     * @param held what {@link #get} returned for the fingerprint
     * @return the held alert
     */
    public Alert receive(Alert held, IncomingAlert in, long now, Suppression suppression, Grouper grouper) {
        long startsAt = in.startsAt();
        long endsAt = in.endsAt();
        boolean timeout = false;
        if (in.resolveNow() && endsAt == 0) {
            endsAt = now;
        }
        if (startsAt == 0) {
            startsAt = endsAt == 0 ? now : Math.min(endsAt, now);
        }
        if (endsAt == 0) {
            timeout = true;
            endsAt = now + RESOLVE_TIMEOUT_MILLIS;
        }
        Alert a = held;
        boolean wasFiring = a != null && a.firingAt(now);
        if (a == null) {
            a = new Alert();
            a.fingerprint = in.fingerprint();
            a.labels = in.labels();
            a.firstSeen = now;
            a.startsAt = startsAt;
            a.endsAt = endsAt;
            a.timeout = timeout;
            // Before filing it with the inhibitor: an inhibiting rule's text condition reads the annotations.
            a.annotations = in.annotations();
            byFingerprint.put(a.fingerprint, a);
            suppression.file(a);
        } else {
            if (!a.labels.equals(in.labels())) {
                // Only events (identified by dedupKey) change labels under one fingerprint.
                suppression.unfile(a);
                grouper.remove(a.fingerprint);
                a.labels = in.labels();
                suppression.file(a);
            } else if (suppression.rules().inhibitsByText() && !a.annotations.equals(in.annotations())) {
                suppression.unfile(a);
                a.annotations = in.annotations();
                suppression.file(a);
            }
            merge(a, startsAt, endsAt, timeout, now);
        }
        a.annotations = in.annotations();
        a.generatorURL = in.generatorURL();
        a.count++;
        a.lastSeen = now;
        a.updatedAt = now;
        boolean firing = a.firingAt(now);
        if (held != null && wasFiring != firing) {
            a.stateChanges.add(now);
        }
        if (firing) {
            scheduleExpiry(a);
        }
        return a;
    }

    /** Alertmanager's merge of a repeated alert: the earliest start wins; the newest explicit end rules. */
    private static void merge(Alert a, long startsAt, long endsAt, boolean timeout, long now) {
        boolean overlaps = (endsAt > a.startsAt && endsAt < a.endsAt) || (startsAt > a.startsAt && startsAt < a.endsAt)
                || a.firingAt(now);
        if (!overlaps) {
            a.startsAt = startsAt;
            a.endsAt = endsAt;
            a.timeout = timeout;
            return;
        }
        boolean wasExplicit = !a.timeout;
        long oldEnd = a.endsAt;
        a.startsAt = Math.min(a.startsAt, startsAt);
        a.endsAt = endsAt;
        a.timeout = timeout;
        if (endsAt <= now) {
            if (oldEnd <= now && oldEnd > endsAt) {
                a.endsAt = oldEnd;
            }
        } else if (oldEnd > endsAt && wasExplicit) {
            a.endsAt = oldEnd;
            a.timeout = false;
        }
    }

    /**
     * Hands every alert whose end came by {@code now} to {@code ended}, after recording the change to resolved;
     * an alert whose end moved on in the meantime waits again.
     */
    public void expire(long now, Consumer<Alert> ended) {
        while (!expiries.isEmpty() && expiries.peek().at() <= now) {
            Expiry e = expiries.poll();
            Long queued = expiryQueued.get(e.fingerprint());
            if (queued == null || queued != e.at()) {
                continue;
            }
            expiryQueued.remove(e.fingerprint());
            Alert a = byFingerprint.get(e.fingerprint());
            if (a == null) {
                continue;
            }
            if (a.firingAt(now)) {
                scheduleExpiry(a);
                continue;
            }
            a.stateChanges.add(a.endsAt);
            ended.accept(a);
        }
    }

    private void scheduleExpiry(Alert a) {
        Long queued = expiryQueued.get(a.fingerprint);
        if (queued == null || queued > a.endsAt) {
            expiries.add(new Expiry(a.endsAt, a.fingerprint));
            expiryQueued.put(a.fingerprint, a.endsAt);
        }
    }

    /** The alerts that resolved at least {@code retentionMillis} before {@code now}. */
    public List<Alert> resolvedLongerThan(long retentionMillis, long now) {
        List<Alert> result = new ArrayList<>();
        for (Alert a : byFingerprint.values()) {
            if (!a.firingAt(now) && a.endsAt + retentionMillis <= now) {
                result.add(a);
            }
        }
        return result;
    }

    /** Stops holding an alert (retention). */
    public void remove(String fingerprint) {
        byFingerprint.remove(fingerprint);
    }
}
