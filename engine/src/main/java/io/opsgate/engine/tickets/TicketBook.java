package io.opsgate.engine.tickets;

import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.Escalation;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.domain.TicketAlert;
import io.opsgate.engine.domain.TicketComment;
import io.opsgate.engine.domain.TicketEvent;
import io.opsgate.engine.domain.TicketState;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The tickets of one tenant, with the ticket lifecycle: open, join, acknowledge, resolve, close,
 * reopen, assign, comment, flapping. Each change is stamped on the timeline with actor and time.
 * Owned by the tenant's lane; callers store the tickets a method returns or changes.
 */
public final class TicketBook {
    /** The actor the engine writes on the timeline. */
    public static final String ENGINE = "opsgate";

    private final String tenant;
    private final NavigableMap<Long, Ticket> byId = new TreeMap<>();
    /** Per group key, the latest ticket (active or resolved). */
    private final Map<String, Long> latestByKey = new HashMap<>();
    private long nextId = 1;
    /** Written by the lane only; volatile so the open-tickets gauge reads it from any thread. */
    private volatile int active;
    /** Tickets that left the open state after a level called people, with who moved them; drained per step. */
    private final Map<Long, String> callOutsToStop = new java.util.LinkedHashMap<>();

    public TicketBook(String tenant) {
        this.tenant = tenant;
    }

    /** Adds a stored ticket at start. */
    public void restore(Ticket t) {
        byId.put(t.id, t);
        if (t.isActive()) {
            active++;
        }
        Long latest = latestByKey.get(t.groupKey);
        if (latest == null || latest < t.id) {
            latestByKey.put(t.groupKey, t.id);
        }
        nextId = Math.max(nextId, t.id + 1);
    }

    /**
     * Continues numbering after the stored sequence: retention may have deleted every ticket, and a number
     * quoted in a mail or another system must never name a second ticket.
     */
    public void restoreSequence(long storedNextId) {
        nextId = Math.max(nextId, storedNextId);
    }

    public Ticket get(long id) {
        return byId.get(id);
    }

    /** All tickets, newest first. */
    public Collection<Ticket> newestFirst() {
        return byId.descendingMap().values();
    }

    public int size() {
        return byId.size();
    }

    /** How many tickets are open or acknowledged. */
    public int activeCount() {
        return active;
    }

    public long nextId() {
        return nextId;
    }

    /** The latest ticket of a group key. */
    public Ticket latest(String groupKey) {
        Long id = latestByKey.get(groupKey);
        return id == null ? null : byId.get(id);
    }

    /** Opens a new ticket for the first alert of a group. */
    public Ticket open(String groupKey, Map<String, String> groupLabels, String rule, String title, String priority,
                       String category, Alert alert, long now, List<Escalation> escalations) {
        Ticket t = new Ticket();
        t.id = nextId++;
        t.tenant = tenant;
        t.groupKey = groupKey;
        t.groupLabels = new TreeMap<>(groupLabels);
        t.rule = rule;
        t.title = title;
        t.priority = priority;
        t.category = category;
        t.severity = alert.labels.getOrDefault("severity", "");
        t.openedAt = now;
        t.updatedAt = now;
        t.escalations.addAll(escalations);
        t.timeline.add(new TicketEvent(now, ENGINE, "opened", "alert " + alert.fingerprint));
        byId.put(t.id, t);
        active++;
        latestByKey.put(groupKey, t.id);
        join(t, alert);
        return t;
    }

    /**
     * Opens a ticket a person asked for: no rule, no alerts, its own group key so no alert ever joins it. The
     * timeline's first entry names the person.
     */
    public Ticket openByHand(TicketRequest request, String actor, long now) {
        Ticket t = new Ticket();
        t.id = nextId++;
        t.tenant = tenant;
        t.groupKey = "request/" + t.id;
        t.title = request.title();
        t.description = request.description();
        t.category = request.category();
        t.priority = request.priority();
        t.source = Ticket.SOURCE_PERSON;
        t.openedBy = actor;
        t.openedAt = now;
        t.updatedAt = now;
        t.timeline.add(new TicketEvent(now, actor, "opened", request.category()));
        byId.put(t.id, t);
        active++;
        latestByKey.put(t.groupKey, t.id);
        return t;
    }

    /**
     * Records an alert on its ticket.
     *
     * @return whether the alert is new on the ticket (then the ticket record changed)
     */
    public boolean join(Ticket t, Alert alert) {
        TicketAlert ta = t.alerts.get(alert.fingerprint);
        boolean added = ta == null;
        if (added) {
            ta = new TicketAlert();
            ta.fingerprint = alert.fingerprint;
            ta.firstSeen = alert.firstSeen;
            t.alerts.put(alert.fingerprint, ta);
        }
        boolean wasResolved = ta.resolved;
        ta.count = alert.count;
        ta.lastSeen = alert.lastSeen;
        ta.resolved = false;
        alert.ticketId = t.id;
        return added || wasResolved;
    }

    /** Reopens a ticket its alerts cleared, because an alert of it fires again. */
    public void reopen(Ticket t, long now) {
        move(t, TicketState.open, ENGINE, "reopened", "an alert fired again", now);
        t.resolvedAt = null;
        t.resolvedByClearing = false;
    }

    /** Marks an alert of the ticket resolved; true when all its alerts are resolved now. */
    public boolean alertCleared(Ticket t, Alert alert) {
        TicketAlert ta = t.alerts.get(alert.fingerprint);
        if (ta != null) {
            ta.resolved = true;
            ta.count = alert.count;
            ta.lastSeen = alert.lastSeen;
        }
        for (TicketAlert a : t.alerts.values()) {
            if (!a.resolved) {
                return false;
            }
        }
        return true;
    }

    /** Resolves a ticket whose alerts all cleared. */
    public void resolveCleared(Ticket t, long now) {
        move(t, TicketState.resolved, ENGINE, "resolved", "all alerts cleared", now);
        t.resolvedAt = now;
        t.resolvedByClearing = true;
    }

    public void acknowledge(Ticket t, String actor, long now) {
        TicketStateMachine.checkRequested(t.state, TicketState.acknowledged);
        move(t, TicketState.acknowledged, actor, "acknowledged", null, now);
    }

    public void resolve(Ticket t, String actor, long now) {
        TicketStateMachine.checkRequested(t.state, TicketState.resolved);
        move(t, TicketState.resolved, actor, "resolved", null, now);
        t.resolvedAt = now;
        t.resolvedByClearing = false;
    }

    public void close(Ticket t, String actor, long now) {
        TicketStateMachine.checkRequested(t.state, TicketState.closed);
        move(t, TicketState.closed, actor, "closed", null, now);
    }

    public void assign(Ticket t, String assignee, String actor, long now) {
        if (t.state == TicketState.closed) {
            throw new TransitionRefused("a closed ticket cannot be assigned");
        }
        t.assignee = assignee;
        t.updatedAt = now;
        t.timeline.add(new TicketEvent(now, actor, "assigned", assignee));
    }

    public void comment(Ticket t, String text, String actor, long now) {
        t.comments.add(new TicketComment(now, actor, text));
        t.updatedAt = now;
        t.timeline.add(new TicketEvent(now, actor, "commented", null));
    }

    /** Sets or clears the flapping mark; true when it changed. */
    public boolean flapping(Ticket t, boolean flapping, long now) {
        if (t.flapping == flapping) {
            return false;
        }
        t.flapping = flapping;
        t.updatedAt = now;
        t.timeline.add(new TicketEvent(now, ENGINE, flapping ? "flapping" : "settled",
                flapping ? "notifications held" : "notifications resume"));
        return true;
    }

    /** Removes a ticket past retention. */
    public void delete(Ticket t) {
        if (byId.remove(t.id) != null && t.isActive()) {
            active--;
        }
        Long latest = latestByKey.get(t.groupKey);
        if (latest != null && latest == t.id) {
            latestByKey.remove(t.groupKey);
        }
    }

    /**
     * The tickets that left the open state since the last call, after one of their levels called people, each
     * with who moved it: their call-outs must stop. Clears the list.
     */
    public Map<Long, String> drainCallOutStops() {
        if (callOutsToStop.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> drained = new java.util.LinkedHashMap<>(callOutsToStop);
        callOutsToStop.clear();
        return drained;
    }

    private void move(Ticket t, TicketState to, String actor, String action, String detail, long now) {
        if (!TicketStateMachine.allowed(t.state, to)) {
            throw new TransitionRefused("a ticket that is " + t.state + " cannot become " + to);
        }
        boolean wasActive = t.isActive();
        if (t.state == TicketState.open && to != TicketState.open
                && t.escalations.stream().anyMatch(e -> e.sent && e.callsPeople())) {
            callOutsToStop.put(t.id, actor);
        }
        t.state = to;
        active += (t.isActive() ? 1 : 0) - (wasActive ? 1 : 0);
        t.updatedAt = now;
        t.timeline.add(new TicketEvent(now, actor, action, detail));
    }
}
