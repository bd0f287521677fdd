package io.opsgate.engine.notify;

import io.opsgate.engine.domain.OutboxEntry;

/**
 * One notification on its way to one channel: what the channel renders and sends.
 *
 * @param tenant         the tenant's name
 * @param tenantName     its display name (the name when it has none)
 * @param entry          the notification request ingest wrote
 * @param channel        the NotificationChannel's name
 * @param idempotencyKey stable for this notification and channel across retries and restarts
 * @param ticketUrl      where the ticket is, or null when no base URL is known or there is no ticket
 */
public record Notification(String tenant, String tenantName, OutboxEntry entry, String channel, String idempotencyKey,
                           String ticketUrl) {

    /** Whether it tells that the alerts are resolved (not firing). */
    public boolean resolved() {
        return "resolved".equals(entry.status);
    }

    /** The severity: the group's label, else the first alert's, else empty. */
    public String severity() {
        String s = entry.groupLabels.get("severity");
        if (s == null && !entry.alerts.isEmpty() && entry.alerts.get(0).labels() != null) {
            s = entry.alerts.get(0).labels().get("severity");
        }
        return s == null ? "" : s;
    }

    /** The title ingest gave (the ticket's), else the alert name, else the rule. */
    public String title() {
        if (entry.title != null && !entry.title.isBlank()) {
            return entry.title;
        }
        String name = entry.groupLabels.get("alertname");
        if (name == null && !entry.alerts.isEmpty() && entry.alerts.get(0).labels() != null) {
            name = entry.alerts.get(0).labels().get("alertname");
        }
        return name != null ? name : entry.rule;
    }
}
