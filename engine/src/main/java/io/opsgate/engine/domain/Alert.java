package io.opsgate.engine.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * An alert as the engine holds it, one per fingerprint. Owned and mutated only by its tenant's lane;
 * the store keeps a copy written in the same batch as every change.
 */
public final class Alert {
    public String fingerprint;
    /** Sorted by name, as Alertmanager keeps a label set. */
    public Map<String, String> labels = new TreeMap<>();
    public Map<String, String> annotations = new TreeMap<>();
    /** Epoch milliseconds. */
    public long startsAt;
    /** Epoch milliseconds at which the alert counts as resolved. */
    public long endsAt;
    /** Whether endsAt was set by the engine (resolve timeout) rather than by the sender. */
    public boolean timeout;
    public long updatedAt;
    public long firstSeen;
    public long lastSeen;
    /** How many times the alert was received; a repeat counts as a deduplication. */
    public long count;
    public String generatorURL = "";
    /** Where it came from: api, webhook, event. */
    public String source = "api";
    /** The rule that decided what happened to it; null when none matched. */
    public String rule;
    /** Whether a drop rule took it. */
    public boolean dropped;
    /** Channels of the notify actions that took it: Alertmanager's receivers. */
    public java.util.List<String> receivers = new java.util.ArrayList<>();
    /** The ticket the alert belongs to, if any. */
    public Long ticketId;
    /** Times of recent state changes (firing to resolved or back), for flap detection. */
    public java.util.List<Long> stateChanges = new java.util.ArrayList<>();

    /** Whether the alert fires at {@code now}. */
    public boolean firingAt(long now) {
        return endsAt > now;
    }
}
