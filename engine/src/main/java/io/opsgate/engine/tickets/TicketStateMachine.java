package io.opsgate.engine.tickets;

import io.opsgate.engine.domain.TicketState;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The legal moves of a ticket: open to acknowledged; open or acknowledged to resolved; resolved to
 * closed; and resolved back to open, which only the engine does when a cleared alert fires again
 * within its rule's flapping window.
 */
public final class TicketStateMachine {
    private static final Map<TicketState, Set<TicketState>> NEXT = Map.of(
            TicketState.open, EnumSet.of(TicketState.acknowledged, TicketState.resolved),
            TicketState.acknowledged, EnumSet.of(TicketState.resolved),
            TicketState.resolved, EnumSet.of(TicketState.closed, TicketState.open),
            TicketState.closed, EnumSet.noneOf(TicketState.class));

    private TicketStateMachine() {
    }

    public static boolean allowed(TicketState from, TicketState to) {
        return NEXT.get(from).contains(to);
    }

    /**
     * Checks a move requested through the API (reopening is the engine's alone).
     *
     * @throws TransitionRefused naming both states
     */
    public static void checkRequested(TicketState from, TicketState to) {
        if (to == TicketState.open || !allowed(from, to)) {
            throw new TransitionRefused("a ticket that is " + from + " cannot become " + to);
        }
    }
}
