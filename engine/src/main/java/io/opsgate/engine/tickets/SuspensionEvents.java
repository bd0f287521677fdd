package io.opsgate.engine.tickets;

import io.opsgate.api.suspension.Suspension;
import io.opsgate.api.suspension.SuspensionSet;
import io.opsgate.api.suspension.SuspensionSubject;
import io.opsgate.api.suspension.SuspensionWindow;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec.SuspendedOperation;
import io.opsgate.engine.alerting.HeldAlerts;
import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.domain.TicketAlert;
import io.opsgate.engine.domain.TicketEvent;
import io.opsgate.engine.store.TenantState;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The windows of OperationsSuspensions as events on the tickets they affect (docs/oncall.md): while a window is
 * open, every active ticket one of whose alerts the suspension's matchers match carries a
 * {@code suspension-started} event for that window (written when the window opens, or when the ticket opens or
 * joins during it; once per window, also across restarts); when the window closes, those tickets get
 * {@code suspension-ended}. Owned by the tenant's lane.
 */
public final class SuspensionEvents {
    static final String STARTED = "suspension-started";
    static final String ENDED = "suspension-ended";

    private final TicketBook book;
    /** The window each suspension had open at the last run, by name. */
    private final Map<String, SuspensionWindow.Interval> open = new HashMap<>();
    /**
     * Looking once a second of real time keeps ticks cheap with many tickets (the tenant clock may stand still in
     * tests, so it cannot pace this).
     */
    static final long PERIOD_NANOS = 1_000_000_000L;
    private long lastRun = System.nanoTime() - PERIOD_NANOS;
    private SuspensionSet lastSet;

    public SuspensionEvents(TicketBook book) {
        this.book = book;
    }

    /** Writes the events due at {@code now}. */
    public void run(long now, SuspensionSet suspensions, HeldAlerts alerts, TenantState.Changes changes) {
        long real = System.nanoTime();
        if (suspensions.all().isEmpty() && open.isEmpty() || real - lastRun < PERIOD_NANOS && suspensions == lastSet) {
            return;
        }
        lastRun = real;
        lastSet = suspensions;
        Instant at = Instant.ofEpochMilli(now);
        Map<String, SuspensionWindow.Interval> stillOpen = new HashMap<>();
        for (Suspension s : suspensions.all()) {
            Optional<SuspensionWindow.Interval> w = s.window().currentOrNext(at).filter(i -> i.contains(at));
            if (w.isPresent()) {
                stillOpen.put(s.name(), w.get());
                String marker = marker(s.name(), w.get());
                for (Ticket t : book.newestFirst()) {
                    if (t.isActive() && !has(t, STARTED, marker) && affects(s, t, alerts)) {
                        t.timeline.add(new TicketEvent(now, TicketBook.ENGINE, STARTED, marker + ": " + s.reason()));
                        changes.ticket(t);
                    }
                }
            }
        }
        open.forEach((name, window) -> {
            if (!window.equals(stillOpen.get(name))) {
                String marker = marker(name, window);
                for (Ticket t : book.newestFirst()) {
                    if (t.isActive() && has(t, STARTED, marker) && !has(t, ENDED, marker)) {
                        t.timeline.add(new TicketEvent(now, TicketBook.ENGINE, ENDED, marker));
                        changes.ticket(t);
                    }
                }
            }
        });
        open.clear();
        open.putAll(stillOpen);
    }

    /** Names the suspension and its window, so an event is written once per window. */
    private static String marker(String name, SuspensionWindow.Interval w) {
        return "OperationsSuspension " + name + " (" + w.start() + " to " + w.end() + ")";
    }

    private static boolean has(Ticket t, String action, String marker) {
        for (TicketEvent e : t.timeline) {
            if (action.equals(e.action()) && e.detail() != null && e.detail().startsWith(marker)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the suspension's matchers match the ticket's group labels or one of its alerts. */
    private static boolean affects(Suspension s, Ticket t, HeldAlerts alerts) {
        if (s.matches(new SuspensionSubject(SuspendedOperation.AlertTriggeredJobs, t.groupLabels))) {
            return true;
        }
        for (TicketAlert ta : t.alerts.values()) {
            Alert a = alerts.get(ta.fingerprint);
            if (a != null && s.matches(new SuspensionSubject(SuspendedOperation.AlertTriggeredJobs, a.labels))) {
                return true;
            }
        }
        return false;
    }
}
