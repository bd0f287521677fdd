package io.opsgate.engine.alerting;

import java.util.List;
import java.util.Map;

/**
 * An alert with its status at one instant, as GET /api/v2/alerts shows it.
 *
 * @param state        active, suppressed or unprocessed
 */
public record AlertView(String fingerprint, Map<String, String> labels, Map<String, String> annotations, long startsAt,
                        long endsAt, long updatedAt, String generatorURL, List<String> receivers, String state,
                        List<String> silencedBy, List<String> inhibitedBy, long count, String rule, boolean dropped,
                        Long ticketId) {

    /** The same alert with other receivers (the groups API names those of the groups it lists). */
    public AlertView withReceivers(List<String> names) {
        return new AlertView(fingerprint, labels, annotations, startsAt, endsAt, updatedAt, generatorURL, List.copyOf(names),
                state, silencedBy, inhibitedBy, count, rule, dropped, ticketId);
    }
}
