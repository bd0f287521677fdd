package io.opsgate.engine.domain;

/**
 * One entry of a ticket's timeline.
 *
 * @param at     epoch milliseconds (shown in UTC)
 * @param actor  who did it: a token name, or "opsgate" for the engine
 * @param action what happened: opened, acknowledged, resolved, closed, reopened, assigned, commented, flapping, settled, escalated
 * @param detail free text, e.g. the new assignee
 */
public record TicketEvent(long at, String actor, String action, String detail) {
}
