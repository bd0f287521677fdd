package io.opsgate.engine.tickets;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The port through which delivery results come back to tickets: the ingest side's hand-off, which pulls
 * notify's delivery reports, writes through it and never calls up into the pipeline. Declared here, by the
 * tickets side; implemented above the pipeline, where the tenant's lane is, so every call runs there.
 */
public interface TicketNotes {
    /**
     * Comments on a ticket as the engine, once: nothing happens when the ticket is gone or one of its comments
     * already ends with {@code marker} (a repeated report is noted once).
     *
     * @return completes once the comment is durable (or at once when nothing was written)
     */
    CompletableFuture<Void> noteOnce(long ticketId, String marker, String text);

    /**
     * {@code person} pressed 1 in a call-out about the ticket: it is acknowledged by them, if it is still open
     * (a repeated report, or a ticket someone else acknowledged meanwhile, changes nothing).
     *
     * @return completes once the change is durable (or at once when nothing was written)
     */
    CompletableFuture<Void> acknowledgedByCallOut(long ticketId, String person);

    /** Those of {@code ticketIds} whose tickets no longer exist (retention deleted them). */
    CompletableFuture<List<Long>> missing(List<Long> ticketIds);
}
