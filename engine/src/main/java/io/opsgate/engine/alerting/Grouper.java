package io.opsgate.engine.alerting;

import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.GroupState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Alertmanager's grouping: a new group waits group_wait before its first notification; after that it
 * is looked at every group_interval and notifies when its set of firing alerts grew, when alerts
 * resolved, or when repeat_interval passed since the last notification, unless the rule's mute or
 * active time windows say not now. Resolved alerts leave the group
 * after a flush, and an empty group is gone. Pure logic on explicit times: the lane calls
 * {@link #flushDue} from its timer.
 */
public final class Grouper {
    private final Map<String, AggregationGroup> groups = new LinkedHashMap<>();
    /** Per rule, the group each alert is in: a repeat finds its group without building the key again. */
    private final Map<CompiledRule, Map<String, AggregationGroup>> byAlert = new java.util.IdentityHashMap<>();
    /**
     * Notification states waiting for their group to be made again: stored ones after a start, and those of the
     * groups a configuration change dropped. A group made again picks its state up, so it neither repeats nor
     * forgets a notification.
     */
    private final Map<String, GroupState> waiting = new java.util.HashMap<>();

    /** The group key: the rule and its groupBy values, as {@code rule:{a="x",b="y"}}. */
    public static String key(CompiledRule rule, Map<String, String> groupLabels) {
        StringBuilder sb = new StringBuilder(rule.name).append(":{");
        boolean first = true;
        for (Map.Entry<String, String> e : groupLabels.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(e.getKey()).append("=\"").append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return sb.append('}').toString();
    }

    /** The groupBy values of an alert; "..." means all labels. */
    public static Map<String, String> groupLabels(List<String> groupBy, Map<String, String> labels) {
        if (groupBy.contains("...")) {
            return new TreeMap<>(labels);
        }
        Map<String, String> result = new TreeMap<>();
        for (String name : groupBy) {
            String v = labels.get(name);
            if (v != null) {
                result.put(name, v);
            }
        }
        return result;
    }

    /** Keeps a stored notification state until its group is made again. */
    public void restore(GroupState state) {
        waiting.put(state.key, state);
    }

    /** Puts an alert into the group of a notify rule; a group made again takes up its waiting state. */
    public AggregationGroup add(CompiledRule rule, Alert alert, long now) {
        return add(rule, alert, now, null);
    }

    /**
     * Puts an alert into the group of a notify rule.
     *
     * @param stored the group's stored notification state when it is recreated at start, else null
     * @return the group
     */
    public AggregationGroup add(CompiledRule rule, Alert alert, long now, GroupState stored) {
        Map<String, AggregationGroup> ofRule = byAlert.computeIfAbsent(rule, r -> new java.util.HashMap<>());
        AggregationGroup known = ofRule.get(alert.fingerprint);
        if (known != null && !known.removed && known.alerts.containsKey(alert.fingerprint)) {
            known.alerts.put(alert.fingerprint, alert);
            return known;
        }
        Map<String, String> gl = groupLabels(rule.notify.groupBy(), alert.labels);
        String key = key(rule, gl);
        AggregationGroup g = groups.get(key);
        if (g == null) {
            GroupState state = stored != null || waiting.isEmpty() ? stored : waiting.remove(key);
            if (state == null) {
                state = new GroupState();
                state.key = key;
                state.rule = rule.name;
            }
            g = new AggregationGroup(key, rule, gl, state);
            g.hasFlushed = state.lastNotifiedAt > 0;
            g.nextFlushAt = g.hasFlushed ? now + rule.notify.groupInterval() : now + rule.notify.groupWait();
            groups.put(key, g);
        }
        g.alerts.put(alert.fingerprint, alert);
        ofRule.put(alert.fingerprint, g);
        if (!g.hasFlushed && alert.startsAt + rule.notify.groupWait() < now) {
            // As Alertmanager: an alert older than group_wait need not wait again.
            g.nextFlushAt = Math.min(g.nextFlushAt, now);
        }
        return g;
    }

    /** Takes an alert out of every group (retention, or a configuration change re-routes it). */
    public void remove(String fingerprint) {
        for (Iterator<AggregationGroup> it = groups.values().iterator(); it.hasNext(); ) {
            AggregationGroup g = it.next();
            g.alerts.remove(fingerprint);
            if (g.alerts.isEmpty()) {
                g.removed = true;
                it.remove();
            }
        }
        for (Map<String, AggregationGroup> ofRule : byAlert.values()) {
            ofRule.remove(fingerprint);
        }
    }

    public Collection<AggregationGroup> groups() {
        return groups.values();
    }

    public AggregationGroup group(String key) {
        return groups.get(key);
    }

    /**
     * Drops all groups before every alert is routed again under a new configuration; their notification states
     * wait for the groups to be made again.
     */
    public void regroup() {
        for (AggregationGroup g : groups.values()) {
            waiting.put(g.key, g.state);
        }
        clear();
    }

    /** Drops all groups. */
    public void clear() {
        groups.values().forEach(g -> g.removed = true);
        groups.clear();
        byAlert.clear();
    }

    /**
     * Flushes every group whose timer is due.
     *
     * @param held     groups whose notifications are held (flapping); they are rescheduled, nothing is sent
     * @param muted    alerts silenced or inhibited now; a notification leaves them out, as Alertmanager's mute stage
     * @param removed  receives the keys of groups that became empty and are gone
     * @return the notifications to send
     */
    public List<GroupFlush> flushDue(long now, Predicate<AggregationGroup> held, Predicate<Alert> muted,
                                     List<String> removed) {
        List<GroupFlush> result = new ArrayList<>();
        for (Iterator<AggregationGroup> it = groups.values().iterator(); it.hasNext(); ) {
            AggregationGroup g = it.next();
            if (g.nextFlushAt > now) {
                continue;
            }
            flush(g, now, held, muted, result);
            if (g.alerts.isEmpty()) {
                g.removed = true;
                it.remove();
                removed.add(g.key);
            }
        }
        return result;
    }

    /**
     * Flushes those of {@code candidates} whose timer is due now, as {@link #flushDue} would at the next
     * tick: a group with group_wait 0 notifies in the same step that added its alert.
     */
    public List<GroupFlush> flushDue(Collection<AggregationGroup> candidates, long now, Predicate<AggregationGroup> held,
                                     Predicate<Alert> muted, List<String> removed) {
        List<GroupFlush> result = new ArrayList<>();
        for (AggregationGroup g : candidates) {
            if (g.removed || g.nextFlushAt > now || groups.get(g.key) != g) {
                continue;
            }
            flush(g, now, held, muted, result);
            if (g.alerts.isEmpty()) {
                g.removed = true;
                groups.remove(g.key);
                removed.add(g.key);
            }
        }
        return result;
    }

    private void flush(AggregationGroup g, long now, Predicate<AggregationGroup> held, Predicate<Alert> muted,
                       List<GroupFlush> result) {
        List<Alert> firing = new ArrayList<>();
        List<Alert> resolved = new ArrayList<>();
        List<Alert> leaving = new ArrayList<>();
        for (Alert a : g.alerts.values()) {
            boolean fires = a.firingAt(now);
            if (!fires) {
                leaving.add(a);
            }
            if (!muted.test(a)) {
                (fires ? firing : resolved).add(a);
            }
        }
        // Muted by time, the flush sends nothing and records nothing, as in Alertmanager: the next flush
        // after the window notifies what is then firing.
        if (!held.test(g) && g.rule.notify.sendsAt(now)) {
            Decision d = decide(g.state, firing, resolved, now, g.rule.notify.repeatInterval());
            if (d != Decision.NONE) {
                g.state.lastNotifiedAt = now;
                g.state.firing = fingerprints(firing);
                g.state.resolved = fingerprints(resolved);
                result.add(new GroupFlush(g, firing, resolved, d == Decision.REPEAT, g.state));
            }
        }
        for (Alert a : leaving) {
            g.alerts.remove(a.fingerprint);
            Map<String, AggregationGroup> ofRule = byAlert.get(g.rule);
            if (ofRule != null && ofRule.get(a.fingerprint) == g) {
                ofRule.remove(a.fingerprint);
            }
        }
        g.hasFlushed = true;
        g.nextFlushAt = now + g.rule.notify.groupInterval();
    }

    private enum Decision { NONE, CHANGED, REPEAT }

    /** Alertmanager's DedupStage.needsUpdate. */
    private static Decision decide(GroupState last, List<Alert> firing, List<Alert> resolved, long now, long repeat) {
        if (last.lastNotifiedAt == 0) {
            return firing.isEmpty() ? Decision.NONE : Decision.CHANGED;
        }
        Set<String> lastFiring = new HashSet<>(last.firing);
        for (Alert a : firing) {
            if (!lastFiring.contains(a.fingerprint)) {
                return Decision.CHANGED;
            }
        }
        if (firing.isEmpty()) {
            return lastFiring.isEmpty() ? Decision.NONE : Decision.CHANGED;
        }
        Set<String> lastResolved = new HashSet<>(last.resolved);
        for (Alert a : resolved) {
            if (!lastResolved.contains(a.fingerprint)) {
                return Decision.CHANGED;
            }
        }
        return last.lastNotifiedAt + repeat <= now ? Decision.REPEAT : Decision.NONE;
    }

    private static List<String> fingerprints(List<Alert> alerts) {
        List<String> fps = new ArrayList<>(alerts.size());
        for (Alert a : alerts) {
            fps.add(a.fingerprint);
        }
        return fps;
    }
}
