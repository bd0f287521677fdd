package io.opsgate.engine.tickets;

import io.opsgate.engine.alerting.CompiledRule;
import io.opsgate.engine.alerting.Grouper;
import io.opsgate.engine.alerting.RuleSet;
import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.domain.TicketState;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.store.TenantState;

import java.util.Map;

/**
 * A rule's ticket action applied to one alert: one ticket per rule and {@code ticket.groupBy} values. A firing
 * alert joins its group's active ticket or opens one (unless muted); a ticket its alerts cleared is reopened
 * when one fires again within the rule's flapping window; an alert that clears leaves its ticket, which is
 * resolved once all its alerts cleared (unless it flaps or the rule says otherwise). Owned by the tenant's lane.
 */
public final class TicketStep {
    private final TicketBook book;
    private final Flapping flapping;
    private final Escalations escalations;
    private final EngineMetrics.TenantMeters meters;

    public TicketStep(TicketBook book, Flapping flapping, Escalations escalations, EngineMetrics.TenantMeters meters) {
        this.book = book;
        this.flapping = flapping;
        this.escalations = escalations;
        this.meters = meters;
    }

    /**
     * Applies the rule's ticket action to a received alert.
     *
     * @param muted        silenced or inhibited now: opens no ticket
     * @param stateChanged the alert changed between firing and resolved with this receipt
     */
    public void apply(CompiledRule r, Alert a, long now, boolean firing, boolean muted, boolean stateChanged,
                      TenantState.Changes changes) {
        Ticket t = null;
        if (a.ticketId != null) {
            // A repeat finds its ticket by id; the group key is built only for an alert new to tickets.
            Ticket known = book.get(a.ticketId);
            if (known != null && known.rule.equals(r.name) && book.latest(known.groupKey) == known) {
                t = known;
            }
        }
        Map<String, String> groupLabels = null;
        String key = null;
        if (t == null) {
            groupLabels = Grouper.groupLabels(r.ticket.groupBy(), a.labels);
            key = Grouper.key(r, groupLabels);
            t = book.latest(key);
        }
        boolean changed = false;
        if (firing) {
            if (t != null && t.isActive()) {
                changed = book.join(t, a);
            } else if (t != null && t.alerts.containsKey(a.fingerprint) && !t.alerts.get(a.fingerprint).resolved) {
                // Still the episode whose ticket someone resolved or closed by hand: no new ticket for a repeat.
                book.join(t, a);
            } else if (t != null && t.state == TicketState.resolved && t.resolvedByClearing && r.ticket.detectsFlapping()
                    && t.resolvedAt != null && now - t.resolvedAt <= r.ticket.flapWindowMillis()) {
                book.reopen(t, now);
                book.join(t, a);
                changed = true;
            } else if (!muted) {
                if (key == null) {
                    groupLabels = Grouper.groupLabels(r.ticket.groupBy(), a.labels);
                    key = Grouper.key(r, groupLabels);
                }
                t = book.open(key, groupLabels, r.name, TicketTitles.title(r.ticket.title(), a.labels, a.annotations),
                        r.ticket.priority(), r.ticket.category(), a, now, Escalations.levels(r, now));
                meters.ticketOpened(r.ticket.priority());
                escalations.watch(t);
                changes.ticketNumbered();
                changed = true;
            } else {
                t = null;
            }
            if (t != null && stateChanged) {
                changed |= flapping.check(t, a, r, now);
            }
        } else if (t != null && t.alerts.containsKey(a.fingerprint)) {
            if (stateChanged) {
                flapping.check(t, a, r, now);
            }
            clear(t, a, r, now);
            changed = true;
        }
        if (changed) {
            changes.ticket(t);
        }
    }

    /** An alert reached its end (no resolve was received): it leaves its ticket as a received resolve would. */
    public void ended(Alert a, RuleSet rules, long now, TenantState.Changes changes) {
        if (a.ticketId == null) {
            return;
        }
        Ticket t = book.get(a.ticketId);
        if (t != null && t.alerts.containsKey(a.fingerprint)) {
            CompiledRule r = rules.rule(t.rule);
            flapping.check(t, a, r, now);
            clear(t, a, r, now);
            changes.ticket(t);
        }
    }

    private void clear(Ticket t, Alert a, CompiledRule r, long now) {
        boolean allCleared = book.alertCleared(t, a);
        if (allCleared && t.isActive() && resolvesWhenCleared(r) && !t.flapping) {
            book.resolveCleared(t, now);
            meters.ticketsResolved.increment();
        }
    }

    /** Whether a ticket of the rule resolves once its alerts cleared: the default, and when the rule is gone. */
    static boolean resolvesWhenCleared(CompiledRule r) {
        return r == null || r.ticket == null || r.ticket.resolveWhenCleared();
    }
}
