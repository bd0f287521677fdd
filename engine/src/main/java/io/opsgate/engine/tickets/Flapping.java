package io.opsgate.engine.tickets;

import io.opsgate.engine.alerting.AggregationGroup;
import io.opsgate.engine.alerting.CompiledRule;
import io.opsgate.engine.alerting.HeldAlerts;
import io.opsgate.engine.alerting.RuleSet;
import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.domain.TicketAlert;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.store.TenantState;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Flapping tickets (docs/architecture.md, "Decision (flapping)"): after a rule's {@code changes} state changes
 * of an alert within its window the ticket is marked flapping, is not resolved on clear, and its group's
 * notifications are held, until no change happened for a window. Owned by the tenant's lane.
 */
public final class Flapping {
    private final TicketBook book;
    private final EngineMetrics.TenantMeters meters;
    private final Set<Long> flapping = new LinkedHashSet<>();
    private long longestWindow;

    public Flapping(TicketBook book, EngineMetrics.TenantMeters meters) {
        this.book = book;
        this.meters = meters;
    }

    /** Takes note of a stored ticket marked flapping, at start. */
    public void restore(Ticket t) {
        if (t.flapping) {
            flapping.add(t.id);
        }
    }

    /** Follows new rules: how far back an alert's state changes can still count. */
    public void configure(RuleSet rules) {
        longestWindow = rules.longestFlapWindow();
    }

    /** Whether the alert changed state at least the rule's {@code changes} times within its window. */
    static boolean isFlapping(Alert a, CompiledRule.TicketSpec spec, long now) {
        long from = now - spec.flapWindowMillis();
        int n = 0;
        for (long t : a.stateChanges) {
            if (t >= from) {
                n++;
            }
        }
        return n >= spec.flapChanges();
    }

    /**
     * Marks the ticket flapping when its rule detects flapping and the alert changed state often enough.
     *
     * @return whether the mark was set now
     */
    boolean check(Ticket t, Alert a, CompiledRule r, long now) {
        if (r == null || r.ticket == null || !r.ticket.detectsFlapping() || !isFlapping(a, r.ticket, now)) {
            return false;
        }
        flapping.add(t.id);
        return book.flapping(t, true, now);
    }

    /** Keeps only the state changes a flapping window can still count. */
    public void trim(Alert a, long now) {
        if (!a.stateChanges.isEmpty()) {
            long from = now - longestWindow;
            a.stateChanges.removeIf(t -> t < from);
        }
    }

    /** Whether a group's notifications are held: one of its alerts belongs to a flapping ticket. */
    public boolean holds(AggregationGroup g) {
        for (Alert a : g.alerts()) {
            if (a.ticketId != null) {
                Ticket t = book.get(a.ticketId);
                if (t != null && t.flapping) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Clears the mark of tickets whose alerts did not change for a window, resolving those whose alerts all
     * cleared meanwhile (when their rule resolves on clear).
     */
    public void settle(long now, RuleSet rules, HeldAlerts alerts, TenantState.Changes changes) {
        for (Iterator<Long> it = flapping.iterator(); it.hasNext(); ) {
            Ticket t = book.get(it.next());
            if (t == null || !t.flapping) {
                it.remove();
                continue;
            }
            CompiledRule r = rules.rule(t.rule);
            long window = r != null && r.ticket != null && r.ticket.detectsFlapping() ? r.ticket.flapWindowMillis() : 0;
            long lastChange = Long.MIN_VALUE;
            boolean allCleared = true;
            for (TicketAlert ta : t.alerts.values()) {
                Alert a = alerts.get(ta.fingerprint);
                if (a != null) {
                    for (long c : a.stateChanges) {
                        lastChange = Math.max(lastChange, c);
                    }
                    allCleared &= !a.firingAt(now);
                }
            }
            if (lastChange == Long.MIN_VALUE || now - lastChange >= window) {
                book.flapping(t, false, now);
                it.remove();
                if (allCleared && t.isActive() && TicketStep.resolvesWhenCleared(r)) {
                    book.resolveCleared(t, now);
                    meters.ticketsResolved.increment();
                }
                changes.ticket(t);
            }
        }
    }
}
