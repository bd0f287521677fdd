package io.opsgate.engine.alerting;

import java.util.List;
import java.util.Map;

/**
 * One rule's counts at one instant, as its status and {@code GET /api/v1/rules} show them. Times are epoch
 * milliseconds, 0 when none.
 *
 * @param dropped alerts the rule dropped; null when it does not drop
 * @param shadow  what it would have done; null when it is not in shadow
 */
public record RuleStats(String name, boolean inShadow, long lastHour, long total, Long dropped, long lastMatch,
                        long since, Shadow shadow) {

    /**
     * What a rule in shadow would have done.
     *
     * @param ticketPriority the priority of its ticket action; null when it has none
     * @param wouldNotify    per channel of its notify action, in its order
     * @param recent         the latest matches, newest first
     */
    public record Shadow(long wouldDrop, long wouldTicket, String ticketPriority, Map<String, Long> wouldNotify,
                         long wouldSilence, long wouldInhibit, List<Match> recent) {
    }

    /** One match: when, and the alert's labels (never its annotations). */
    public record Match(long time, Map<String, String> labels) {
    }
}
