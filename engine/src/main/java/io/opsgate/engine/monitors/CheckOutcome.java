package io.opsgate.engine.monitors;

/**
 * What one check saw.
 *
 * @param up            whether the target is as the monitor expects
 * @param message       what a person reads: stable wording (no timings), so a status that did not change
 *                      compares equal
 * @param latencyMillis how long the check took
 */
public record CheckOutcome(boolean up, String message, long latencyMillis) {
    static CheckOutcome up(String message, long latencyMillis) {
        return new CheckOutcome(true, message, latencyMillis);
    }

    static CheckOutcome down(String message, long latencyMillis) {
        return new CheckOutcome(false, message, latencyMillis);
    }
}
