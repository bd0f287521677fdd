package io.opsgate.engine.domain;

/**
 * A comment on a ticket.
 *
 * @param at     epoch milliseconds
 * @param author the token name that wrote it
 * @param text   the comment
 */
public record TicketComment(long at, String author, String text) {
}
