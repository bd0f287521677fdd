package io.opsgate.engine.tickets;

import io.opsgate.api.matcher.Matcher;
import io.opsgate.engine.alerting.HeldAlerts;
import io.opsgate.engine.alerting.Matchers;
import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.Rejected;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.domain.TicketAlert;
import io.opsgate.engine.domain.TicketState;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.store.TenantState;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The tickets API of a tenant: read one or a page, and change one on someone's behalf. Reads return copies
 * with the current counts of the tickets' alerts; a change completes once it is durable. On the tenant's lane.
 */
public final class TicketOperations {
    private final TicketBook book;
    private final HeldAlerts alerts;
    private final TenantState state;
    private final Clock clock;
    private final EngineMetrics.TenantMeters meters;
    private java.util.function.Consumer<TenantState.Changes> beforeCommit = changes -> { };

    public TicketOperations(TicketBook book, HeldAlerts alerts, TenantState state, Clock clock,
                            EngineMetrics.TenantMeters meters) {
        this.book = book;
        this.alerts = alerts;
        this.state = state;
        this.clock = clock;
        this.meters = meters;
    }

    /** Adds what the pipeline writes with a ticket change (the outbox request that stops call-outs). */
    public void beforeCommit(java.util.function.Consumer<TenantState.Changes> step) {
        this.beforeCommit = step;
    }

    /** A copy of a ticket with current alert counts, or null. */
    public Ticket get(long id) {
        Ticket t = book.get(id);
        return t == null ? null : copy(t);
    }

    /** Whether the ticket exists (not yet deleted by retention). */
    public boolean exists(long id) {
        return book.get(id) != null;
    }

    /**
     * Tickets newest first, filtered, at most {@code limit}, starting below the id {@code before} (the cursor;
     * 0 for the first page). A ticket matches label matchers when its group labels or one of its alerts do.
     */
    public List<Ticket> page(Set<TicketState> states, Set<String> severities, Set<String> categories,
                             List<Matcher> matchers, long before, int limit) {
        List<Ticket> result = new ArrayList<>();
        for (Ticket t : book.newestFirst()) {
            if (before > 0 && t.id >= before) {
                continue;
            }
            if (!states.isEmpty() && !states.contains(t.state)) {
                continue;
            }
            if (!severities.isEmpty() && !severities.contains(t.severity)) {
                continue;
            }
            if (!categories.isEmpty() && !categories.contains(t.category)) {
                continue;
            }
            if (!matchers.isEmpty() && !matches(t, matchers)) {
                continue;
            }
            result.add(copy(t));
            if (result.size() >= limit) {
                break;
            }
        }
        return result;
    }

    private boolean matches(Ticket t, List<Matcher> matchers) {
        if (Matchers.all(matchers, t.groupLabels)) {
            return true;
        }
        for (TicketAlert ta : t.alerts.values()) {
            Alert a = alerts.get(ta.fingerprint);
            if (a != null && Matchers.all(matchers, a.labels)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens a ticket a person asked for, into {@code changes} (the caller commits it, with the notification that
     * tells the request channel).
     *
     * @return the new ticket as stored
     */
    public Ticket openByHand(TicketRequest request, String actor, long now, TenantState.Changes changes) {
        Ticket t = book.openByHand(request, actor, now);
        meters.ticketOpened(request.priority());
        changes.ticketNumbered();
        changes.ticket(t);
        return copy(t);
    }

    /**
     * Changes a ticket on behalf of {@code actor}.
     *
     * @return a copy of the changed ticket, once it is durable
     * @throws Rejected 404 when there is no such ticket
     * @throws TransitionRefused when its state forbids the change
     */
    public CompletableFuture<Ticket> change(long id, TicketChange change, String text, String actor) {
        long now = clock.millis();
        Ticket t = book.get(id);
        if (t == null) {
            throw new Rejected(404, "ticket " + id + " not found", "id");
        }
        boolean wasActive = t.isActive();
        switch (change) {
            case ACK -> book.acknowledge(t, actor, now);
            case RESOLVE -> book.resolve(t, actor, now);
            case CLOSE -> book.close(t, actor, now);
            case ASSIGN -> book.assign(t, text, actor, now);
            case COMMENT -> book.comment(t, text, actor, now);
            default -> throw new IllegalArgumentException(change.name());
        }
        if (wasActive && !t.isActive()) {
            meters.ticketsResolved.increment();
        }
        TenantState.Changes changes = state.changes();
        changes.ticket(t);
        beforeCommit.accept(changes);
        Ticket snapshot = copy(t);
        return state.commit(changes).thenApply(v -> snapshot);
    }

    /** The engine's comment on a ticket, written once ({@link TicketNotes#noteOnce}). */
    public CompletableFuture<Void> noteOnce(long id, String marker, String text) {
        Ticket t = book.get(id);
        if (t == null || t.comments.stream().anyMatch(c -> c.text().endsWith(marker))) {
            return CompletableFuture.completedFuture(null);
        }
        return change(id, TicketChange.COMMENT, text, TicketBook.ENGINE).thenAccept(changed -> { });
    }

    /** A person's key press in a call-out acknowledges the ticket as them, when it is still open. */
    public CompletableFuture<Void> acknowledgeByCallOut(long id, String person) {
        Ticket t = book.get(id);
        if (t == null || t.state != TicketState.open) {
            return CompletableFuture.completedFuture(null);
        }
        return change(id, TicketChange.ACK, null, person).thenAccept(changed -> { });
    }

    private Ticket copy(Ticket t) {
        Ticket c = TenantState.copy(t);
        for (TicketAlert ta : c.alerts.values()) {
            Alert a = alerts.get(ta.fingerprint);
            if (a != null) {
                ta.count = a.count;
                ta.lastSeen = a.lastSeen;
            }
        }
        return c;
    }
}
