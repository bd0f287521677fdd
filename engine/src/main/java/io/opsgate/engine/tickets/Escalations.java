package io.opsgate.engine.tickets;

import io.opsgate.api.suspension.Suspension;
import io.opsgate.api.suspension.SuspensionSet;
import io.opsgate.api.suspension.SuspensionSubject;
import io.opsgate.engine.alerting.CompiledRule;
import io.opsgate.engine.alerting.HeldAlerts;
import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.Escalation;
import io.opsgate.engine.domain.OutboxAlert;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.domain.TicketAlert;
import io.opsgate.engine.domain.TicketEvent;
import io.opsgate.engine.domain.TicketState;
import io.opsgate.engine.store.TenantState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Escalation: a rule's levels are scheduled on a ticket when it opens ({@code after} from the opening); a level
 * that comes due while the ticket is still open (acknowledging stops them) becomes a notification request of
 * type {@code escalation} to the level's channels. Owned by the tenant's lane.
 */
public final class Escalations {
    private final TicketBook book;
    /** Tickets with levels not yet sent. */
    private final Set<Long> pending = new LinkedHashSet<>();

    public Escalations(TicketBook book) {
        this.book = book;
    }

    /** The levels of a rule, due from {@code now}. */
    static List<Escalation> levels(CompiledRule r, long now) {
        List<Escalation> result = new ArrayList<>();
        for (int i = 0; i < r.escalation.size(); i++) {
            Escalation e = new Escalation();
            e.level = i + 1;
            e.dueAt = now + r.escalation.get(i).afterMillis();
            e.channels = new ArrayList<>(r.escalation.get(i).channels());
            e.schedules = new ArrayList<>(r.escalation.get(i).schedules());
            e.contactGroups = new ArrayList<>(r.escalation.get(i).contactGroups());
            result.add(e);
        }
        return result;
    }

    /** Watches a ticket that has levels to send: a new one, or a stored active one at start. */
    public void watch(Ticket t) {
        if (t.isActive() && t.escalations.stream().anyMatch(e -> !e.sent)) {
            pending.add(t.id);
        }
    }

    /**
     * Sends the levels that are due: each becomes a request to {@code outbox} with the ticket's firing alerts,
     * and is marked sent on the ticket's timeline.
     */
    public void run(long now, HeldAlerts alerts, TenantState.Changes changes, Consumer<OutboxEntry> outbox,
                    SuspensionSet suspensions) {
        for (Iterator<Long> it = pending.iterator(); it.hasNext(); ) {
            Ticket t = book.get(it.next());
            if (t == null || t.state != TicketState.open) {
                it.remove();
                continue;
            }
            boolean changed = false;
            boolean waiting = false;
            for (Escalation level : t.escalations) {
                if (level.sent) {
                    continue;
                }
                if (level.dueAt > now) {
                    waiting = true;
                    continue;
                }
                OutboxEntry request = request(t, level, alerts, now);
                suspendCallOuts(t, level.level, request, suspensions, now);
                outbox.accept(request);
                level.sent = true;
                t.timeline.add(new TicketEvent(now, TicketBook.ENGINE, "escalated",
                        "level " + level.level + " to " + level.targets()));
                changed = true;
            }
            if (changed) {
                changes.ticket(t);
            }
            if (!waiting) {
                it.remove();
            }
        }
    }

    /**
     * Leaves out of the request the call-outs an OperationsSuspension stops (its matchers see the alert's labels
     * plus {@code oncallschedule} or {@code contactgroup}), each recorded on the ticket with the suspension's name
     * and reason: the ticket and its channels still go out, nobody is called.
     */
    private static void suspendCallOuts(Ticket t, int level, OutboxEntry request, SuspensionSet suspensions, long now) {
        if (suspensions.all().isEmpty() || request.schedules.isEmpty() && request.contactGroups.isEmpty()) {
            return;
        }
        Map<String, String> labels = new TreeMap<>(request.groupLabels);
        if (!request.alerts.isEmpty() && request.alerts.get(0).labels() != null) {
            labels.putAll(request.alerts.get(0).labels());
        }
        Instant at = Instant.ofEpochMilli(now);
        for (Iterator<String> it = request.schedules.iterator(); it.hasNext(); ) {
            String name = it.next();
            Optional<Suspension> s = suspensions.suspendedBy(SuspensionSubject.callOutToSchedule(name, labels), at);
            if (s.isPresent()) {
                it.remove();
                t.timeline.add(suspendedEvent(now, level, "oncallschedule/" + name, s.get()));
            }
        }
        for (Iterator<String> it = request.contactGroups.iterator(); it.hasNext(); ) {
            String name = it.next();
            Optional<Suspension> s = suspensions.suspendedBy(SuspensionSubject.callOutToGroup(name, labels), at);
            if (s.isPresent()) {
                it.remove();
                t.timeline.add(suspendedEvent(now, level, "contactgroup/" + name, s.get()));
            }
        }
    }

    private static TicketEvent suspendedEvent(long now, int level, String target, Suspension s) {
        return new TicketEvent(now, TicketBook.ENGINE, "callout-suspended", "level " + level + " call-out to " + target
                + " suspended by OperationsSuspension " + s.name() + ": " + s.reason());
    }

    private static OutboxEntry request(Ticket t, Escalation level, HeldAlerts alerts, long now) {
        OutboxEntry e = new OutboxEntry();
        e.type = "escalation";
        e.rule = t.rule;
        e.channels = new ArrayList<>(level.channels);
        e.schedules = new ArrayList<>(level.schedules);
        e.contactGroups = new ArrayList<>(level.contactGroups);
        e.groupKey = t.groupKey;
        e.groupLabels = new TreeMap<>(t.groupLabels);
        e.status = "firing";
        e.ticketId = t.id;
        e.priority = t.priority;
        e.title = t.title;
        e.level = level.level;
        for (TicketAlert ta : t.alerts.values()) {
            Alert a = alerts.get(ta.fingerprint);
            if (a != null && a.firingAt(now)) {
                e.alerts.add(OutboxAlert.of(a, "firing"));
            }
        }
        return e;
    }
}
