package io.opsgate.engine.domain;

/** The life of a ticket: open, acknowledged, resolved, closed. */
public enum TicketState {
    open, acknowledged, resolved, closed
}
