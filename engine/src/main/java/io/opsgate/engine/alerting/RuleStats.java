package io.opsgate.engine.alerting;

import io.opsgate.api.v1alpha1.AlertRuleStatus;

import java.time.Instant;
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

    /** The counts as the AlertRule's {@code status.hits}, taken at {@code observedAt} (null to leave it out). */
    public AlertRuleStatus.Hits hits(Long observedAt) {
        AlertRuleStatus.Hits h = new AlertRuleStatus.Hits();
        h.lastHour = lastHour;
        h.total = total;
        h.dropped = dropped;
        h.lastMatch = lastMatch > 0 ? Instant.ofEpochMilli(lastMatch).toString() : null;
        h.since = Instant.ofEpochMilli(since).toString();
        h.observedAt = observedAt == null ? null : Instant.ofEpochMilli(observedAt).toString();
        return h;
    }

    /** What it would have done as the AlertRule's {@code status.shadow}; null when the rule is not in shadow. */
    public AlertRuleStatus.Shadow shadowStatus() {
        if (shadow == null) {
            return null;
        }
        AlertRuleStatus.Shadow s = new AlertRuleStatus.Shadow();
        s.wouldDrop = shadow.wouldDrop();
        s.wouldTicket = shadow.wouldTicket();
        s.ticketPriority = shadow.ticketPriority();
        shadow.wouldNotify().forEach((channel, alerts) -> {
            AlertRuleStatus.ChannelCount c = new AlertRuleStatus.ChannelCount();
            c.channel = channel;
            c.alerts = alerts;
            s.wouldNotify.add(c);
        });
        s.wouldSilence = shadow.wouldSilence();
        s.wouldInhibit = shadow.wouldInhibit();
        for (Match m : shadow.recent()) {
            AlertRuleStatus.Match match = new AlertRuleStatus.Match();
            match.time = Instant.ofEpochMilli(m.time()).toString();
            match.labels.putAll(m.labels());
            s.recentMatches.add(match);
        }
        return s;
    }
}
