package io.opsgate.engine.alerting;

import io.opsgate.engine.domain.Alert;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The reads of the alerts API: held alerts with their status at one instant. On the tenant's lane. */
public final class AlertQueries {
    private final HeldAlerts alerts;
    private final Suppression suppression;
    private final Clock clock;

    public AlertQueries(HeldAlerts alerts, Suppression suppression, Clock clock) {
        this.alerts = alerts;
        this.suppression = suppression;
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
