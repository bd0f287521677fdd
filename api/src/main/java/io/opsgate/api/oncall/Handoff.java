package io.opsgate.api.oncall;

import java.time.Instant;

/**
 * A change of who is on call in the final schedule.
 *
 * @param at   the instant of the change
 * @param from who was on call before; null when nobody was
 * @param to   who is on call from then on; null when nobody is
 */
public record Handoff(Instant at, String from, String to) {
}
