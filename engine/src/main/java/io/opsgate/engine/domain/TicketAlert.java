package io.opsgate.engine.domain;

/** One alert of a ticket: how often it came and when. Times are epoch milliseconds. */
public final class TicketAlert {
    public String fingerprint;
    public long count;
    public long firstSeen;
    public long lastSeen;
    public boolean resolved;
}
