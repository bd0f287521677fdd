package io.opsgate.engine.alerting;

import java.util.List;
import java.util.Map;

/**
 * An alert group as GET /api/v2/alerts/groups shows it: a notify rule's aggregation group on one of its channels
 * (Alertmanager's receiver), with the alerts that passed the query's filters.
 *
 * @param key    the group key ({@code rule:{labels}}), the same on every channel of the rule
 * @param labels the group's groupBy values
 */
public record AlertGroupView(String key, Map<String, String> labels, String receiver, List<AlertView> alerts) {
}
