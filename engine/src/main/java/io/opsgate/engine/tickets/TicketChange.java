package io.opsgate.engine.tickets;

/** The changes the tickets API makes to a ticket on someone's behalf. */
public enum TicketChange { ACK, RESOLVE, CLOSE, ASSIGN, COMMENT }
