package io.opsgate.engine.alerting;

import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.GroupState;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The alerts one notify rule gathers under one set of groupBy values, with its timers. */
public final class AggregationGroup {
    final String key;
    final CompiledRule rule;
    final Map<String, String> groupLabels;
    final Map<String, Alert> alerts = new LinkedHashMap<>();
    final GroupState state;
    boolean hasFlushed;
    long nextFlushAt;
    /** Set once the group is gone, so a stale reference to it is never used. */
    boolean removed;

    AggregationGroup(String key, CompiledRule rule, Map<String, String> groupLabels, GroupState state) {
        this.key = key;
        this.rule = rule;
        this.groupLabels = new TreeMap<>(groupLabels);
        this.state = state;
    }

    public String key() {
        return key;
    }

    public CompiledRule rule() {
        return rule;
    }

    public Map<String, String> groupLabels() {
        return groupLabels;
    }

    public long nextFlushAt() {
        return nextFlushAt;
    }

    /** The alerts in the group now. */
    public java.util.Collection<Alert> alerts() {
        return alerts.values();
    }

    /** What the group last notified, to store and to carry over a configuration change. */
    public GroupState state() {
        return state;
    }

    public int size() {
        return alerts.size();
    }
}
