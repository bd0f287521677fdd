package io.opsgate.engine.alerting;

import io.opsgate.engine.domain.Alert;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The reads of the alerts API: held alerts and their groups with their status at one instant. On the tenant's lane. */
public final class AlertQueries {
    private final HeldAlerts alerts;
    private final Suppression suppression;
    private final Grouper grouper;
    private final Clock clock;

    public AlertQueries(HeldAlerts alerts, Suppression suppression, Grouper grouper, Clock clock) {
        this.alerts = alerts;
        this.suppression = suppression;
        this.grouper = grouper;
        this.clock = clock;
    }

    /** What GET /api/v2/alerts shows: unresolved alerts, with their status now, sorted by fingerprint. */
    public List<AlertView> alerts(AlertQuery q) {
        long now = clock.millis();
        List<AlertView> result = new ArrayList<>();
        for (Alert a : alerts.all()) {
            if (!a.firingAt(now) || !Matchers.all(q.matchers(), a.labels)) {
                continue;
            }
            if (q.receiver() != null && a.receivers.stream().noneMatch(r -> q.receiver().matches(r))) {
                continue;
            }
            AlertView v = view(a, now);
            boolean silenced = !v.silencedBy().isEmpty();
            boolean inhibited = !v.inhibitedBy().isEmpty();
            if ((!q.active() && !silenced && !inhibited) || (!q.silenced() && silenced) || (!q.inhibited() && inhibited)) {
                continue;
            }
            result.add(v);
        }
        result.sort(Comparator.comparing(AlertView::fingerprint));
        return result;
    }

    /**
     * What GET /api/v2/alerts/groups shows, as Alertmanager's dispatcher lists its aggregation groups: each group of a
     * notify rule once per channel (the receiver) that {@code q.receiver()} lets through, with its unresolved alerts
     * that pass the filters; groups left without alerts are left out. An alert's receivers are the channels of the
     * listed groups it is in. Sorted as Alertmanager sorts: groups by labels then receiver, alerts by job, instance,
     * then labels.
     *
     * @param muted include groups whose rule's mute or active time windows keep it from notifying now
     */
    public List<AlertGroupView> groups(AlertQuery q, boolean muted) {
        long now = clock.millis();
        Map<String, AlertView> views = new HashMap<>();
        Map<String, List<String>> receivers = new HashMap<>();
        List<AlertGroupView> result = new ArrayList<>();
        for (AggregationGroup g : grouper.groups()) {
            if (!muted && !g.rule.notify.sendsAt(now)) {
                continue;
            }
            List<AlertView> members = null;
            for (String channel : g.rule.notify.channels()) {
                if (q.receiver() != null && !q.receiver().matches(channel)) {
                    continue;
                }
                if (members == null) {
                    members = new ArrayList<>();
                    for (Alert a : g.alerts()) {
                        AlertView v = passing(a, q, now, views);
                        if (v != null) {
                            members.add(v);
                        }
                    }
                    members.sort(AlertmanagerOrder.ALERTS);
                }
                if (members.isEmpty()) {
                    break;
                }
                for (AlertView v : members) {
                    receivers.computeIfAbsent(v.fingerprint(), k -> new ArrayList<>()).add(channel);
                }
                result.add(new AlertGroupView(g.key, g.groupLabels, channel, members));
            }
        }
        List<AlertGroupView> withReceivers = new ArrayList<>(result.size());
        for (AlertGroupView g : result) {
            List<AlertView> alertsOfGroup = new ArrayList<>(g.alerts().size());
            for (AlertView v : g.alerts()) {
                List<String> names = new ArrayList<>(receivers.get(v.fingerprint()));
                Collections.sort(names);
                alertsOfGroup.add(v.withReceivers(names));
            }
            withReceivers.add(new AlertGroupView(g.key(), g.labels(), g.receiver(), alertsOfGroup));
        }
        withReceivers.sort(AlertmanagerOrder.GROUPS);
        return withReceivers;
    }

    /** The alert's view when it passes the filters (not resolved, matchers, active/silenced/inhibited), else null. */
    private AlertView passing(Alert a, AlertQuery q, long now, Map<String, AlertView> views) {
        if (!a.firingAt(now) || !Matchers.all(q.matchers(), a.labels)) {
            return null;
        }
        AlertView v = views.computeIfAbsent(a.fingerprint, fp -> view(a, now));
        boolean silenced = !v.silencedBy().isEmpty();
        boolean inhibited = !v.inhibitedBy().isEmpty();
        if ((!q.active() && !silenced && !inhibited) || (!q.silenced() && silenced) || (!q.inhibited() && inhibited)) {
            return null;
        }
        return v;
    }

    /** One held alert (also a resolved one), or null. */
    public AlertView alert(String fingerprint) {
        Alert a = alerts.get(fingerprint);
        return a == null ? null : view(a, clock.millis());
    }

    /** How many alerts are held, resolved ones included. */
    public int held() {
        return alerts.size();
    }

    private AlertView view(Alert a, long now) {
        List<String> silencedBy = suppression.silencedBy(a, now);
        List<String> inhibitedBy = suppression.inhibitedBy(a, now);
        String state = silencedBy.isEmpty() && inhibitedBy.isEmpty() ? "active" : "suppressed";
        return new AlertView(a.fingerprint, a.labels, a.annotations, a.startsAt, a.endsAt, a.updatedAt, a.generatorURL,
                List.copyOf(a.receivers), state, silencedBy, inhibitedBy, a.count, a.rule, a.dropped, a.ticketId);
    }
}
