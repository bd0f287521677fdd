package io.opsgate.engine.notify.channels;

import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.notify.Notification;
import io.opsgate.engine.notify.templates.DefaultTemplates;
import io.opsgate.engine.notify.templates.Escaper;
import io.opsgate.engine.notify.templates.RenderedMessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PagerDuty Events API v2: {@code trigger} while firing and {@code resolve} when resolved, both with the
 * same {@code dedup_key} (from the alert group, or the ticket for escalations), so the resolve closes the
 * incident the trigger opened. The routing key is the Secret's {@code routingKey}.
 */
final class PagerDutyChannel extends JsonChannel {
    static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";

    PagerDutyChannel(String namespace, NotificationChannelSpec spec, ChannelContext ctx, EgressGate gate) {
        super(namespace, spec, ctx, gate);
    }

    @Override
    Request request(Notification n) throws MissingCredential {
        String routingKey = credential("routingKey");
        String url = spec.pagerDuty != null && spec.pagerDuty.url != null ? spec.pagerDuty.url : DEFAULT_URL;
        RenderedMessage m = RenderedMessage.render(ctx.templates(), spec, n, Escaper.NONE, DefaultTemplates.TEXT);
        OutboxEntry e = n.entry();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", routingKey);
        body.put("event_action", n.resolved() ? "resolve" : "trigger");
        body.put("dedup_key", dedupKey(n));
        if (!n.resolved()) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", RenderedMessage.cut(m.title(), 1024));
            payload.put("source", source(e));
            payload.put("severity", severity(n.severity(), e.priority));
            payload.put("timestamp", e.createdAt);
            payload.put("component", e.groupLabels.getOrDefault("service", e.groupLabels.get("job")));
            payload.put("group", e.groupLabels.get("alertname"));
            payload.put("class", e.rule);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("text", m.body());
            details.put("tenant", n.tenant());
            details.put("groupLabels", e.groupLabels);
            if (e.ticketId != null) {
                details.put("ticketId", e.ticketId);
            }
            if (e.level != null) {
                details.put("escalationLevel", e.level);
            }
            details.put("alertCount", e.alerts.size());
            details.put("alerts", e.alerts.subList(0, Math.min(20, e.alerts.size())));
            payload.put("custom_details", details);
            payload.values().removeIf(java.util.Objects::isNull);
            body.put("payload", payload);
            body.put("client", "opsgate");
            if (n.ticketUrl() != null) {
                body.put("client_url", n.ticketUrl());
                body.put("links", List.of(Map.of("href", n.ticketUrl(), "text", "opsgate ticket #" + e.ticketId)));
            }
        }
        return new Request(uri(url, "PagerDuty URL"), Map.of("Idempotency-Key", n.idempotencyKey()), bytes(body));
    }

    /**
     * The incident's key: stable for the alert group (escalations: for the ticket), at most 255 characters
     * as the Events API requires.
     */
    static String dedupKey(Notification n) {
        OutboxEntry e = n.entry();
        String basis = "escalation".equals(e.type) && e.ticketId != null ? "ticket/" + e.ticketId : "group/" + e.groupKey;
        return "opsgate/" + n.tenant() + "/" + sha256(basis).substring(0, 32);
    }

    /** critical, error, warning or info, from the severity label, else from the priority. */
    static String severity(String severity, String priority) {
        switch (severity.toLowerCase(Locale.ROOT)) {
            case "critical", "fatal", "page", "emergency" -> {
                return "critical";
            }
            case "error", "major", "high" -> {
                return "error";
            }
            case "warning", "warn", "minor", "medium" -> {
                return "warning";
            }
            case "info", "informational", "low", "none" -> {
                return "info";
            }
            default -> {
                return switch (priority == null ? "" : priority) {
                    case "P1" -> "critical";
                    case "P3" -> "warning";
                    case "P4", "P5" -> "info";
                    default -> "error";
                };
            }
        }
    }

    private static String source(OutboxEntry e) {
        String instance = e.groupLabels.get("instance");
        if (instance == null && !e.alerts.isEmpty() && e.alerts.get(0).labels() != null) {
            instance = e.alerts.get(0).labels().get("instance");
        }
        return instance != null ? instance : "opsgate/" + e.tenant;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
