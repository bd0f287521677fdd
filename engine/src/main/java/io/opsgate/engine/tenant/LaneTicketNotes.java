package io.opsgate.engine.tenant;

import io.opsgate.engine.pipeline.Lane;
import io.opsgate.engine.tickets.TicketNotes;
import io.opsgate.engine.tickets.TicketOperations;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The tickets' port for delivery reports, run on the tenant's lane like every change of its state. */
final class LaneTicketNotes implements TicketNotes {
    private final Lane lane;
    private final TicketOperations tickets;

    LaneTicketNotes(Lane lane, TicketOperations tickets) {
        this.lane = lane;
        this.tickets = tickets;
    }

    @Override
    public CompletableFuture<Void> noteOnce(long ticketId, String marker, String text) {
        return lane.submit(() -> tickets.noteOnce(ticketId, marker, text));
    }

    @Override
    public CompletableFuture<Void> acknowledgedByCallOut(long ticketId, String person) {
        return lane.submit(() -> tickets.acknowledgeByCallOut(ticketId, person));
    }

    @Override
    public CompletableFuture<List<Long>> missing(List<Long> ticketIds) {
        return lane.call(() -> ticketIds.stream().filter(id -> !tickets.exists(id)).toList());
    }
}
