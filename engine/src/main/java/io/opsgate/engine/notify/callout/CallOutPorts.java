package io.opsgate.engine.notify.callout;

import java.time.Instant;

/**
 * What a call-out tells the rest of opsgate. Declared here, implemented where tickets and the delivery
 * log live (phase 2), so the call-out never reaches up into the pipeline.
 */
public interface CallOutPorts {

    /** Keeps an entry of a call-out's record; it belongs in the ticket's delivery log. */
    void record(CallAttempt attempt);

    /** {@code person} pressed 1: the ticket is acknowledged by them. */
    void acknowledged(long ticketId, String person, Instant at);

    /** Every round ended without an acknowledgement: the ticket goes to the fallback channel. */
    void notifyFallbackChannel(CallOutPlan plan, String channel);
}
