package io.opsgate.engine.notify.channels;

import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.NotificationChannelSpec.TeamsSettings.TeamsFormat;
import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.notify.Notification;
import io.opsgate.engine.notify.templates.DefaultTemplates;
import io.opsgate.engine.notify.templates.Escaper;
import io.opsgate.engine.notify.templates.RenderedMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Microsoft Teams at the Secret's {@code url}: an Adaptive Card in a message (what Workflows webhooks
 * take) or, with {@code teams.format: MessageCard}, the legacy connector card.
 */
final class TeamsChannel extends JsonChannel {
    TeamsChannel(String namespace, NotificationChannelSpec spec, ChannelContext ctx, EgressGate gate) {
        super(namespace, spec, ctx, gate);
    }

    @Override
    Request request(Notification n) throws MissingCredential {
        String url = credential("url");
        RenderedMessage m = RenderedMessage.render(ctx.templates(), spec, n, Escaper.NONE, DefaultTemplates.TEXT);
        boolean legacy = spec.teams != null && spec.teams.format == TeamsFormat.MessageCard;
        Object body = legacy ? messageCard(n, m) : adaptiveCard(n, m);
        return new Request(uri(url, "Teams webhook URL"), Map.of("Idempotency-Key", n.idempotencyKey()), bytes(body));
    }

    private static List<Map<String, String>> facts(Notification n, String nameKey, String valueKey) {
        List<Map<String, String>> facts = new ArrayList<>();
        facts.add(Map.of(nameKey, "Status", valueKey, n.entry().status));
        if (!n.severity().isEmpty()) {
            facts.add(Map.of(nameKey, "Severity", valueKey, n.severity()));
        }
        if (n.entry().priority != null) {
            facts.add(Map.of(nameKey, "Priority", valueKey, n.entry().priority));
        }
        facts.add(Map.of(nameKey, "Tenant", valueKey, n.tenantName()));
        if (n.entry().ticketId != null) {
            facts.add(Map.of(nameKey, "Ticket", valueKey, "#" + n.entry().ticketId));
        }
        facts.add(Map.of(nameKey, "Alerts", valueKey, Integer.toString(n.entry().alerts.size())));
        return facts;
    }

    static Map<String, Object> adaptiveCard(Notification n, RenderedMessage m) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        List<Object> body = new ArrayList<>();
        body.add(Map.of("type", "TextBlock", "text", m.title(), "weight", "Bolder", "size", "Medium", "wrap", true,
                "color", n.resolved() ? "Good" : "Attention"));
        body.add(Map.of("type", "FactSet", "facts", facts(n, "title", "value")));
        body.add(Map.of("type", "TextBlock", "text", m.body().strip(), "wrap", true));
        card.put("body", body);
        if (n.ticketUrl() != null) {
            card.put("actions", List.of(Map.of("type", "Action.OpenUrl", "title", "Open ticket", "url", n.ticketUrl())));
        }
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("attachments", List.of(attachment));
        return message;
    }

    static Map<String, Object> messageCard(Notification n, RenderedMessage m) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("@type", "MessageCard");
        card.put("@context", "https://schema.org/extensions");
        card.put("summary", m.title());
        card.put("themeColor", n.resolved() ? "2EB886" : "D70000");
        card.put("title", m.title());
        card.put("text", m.body().strip());
        card.put("sections", List.of(Map.of("facts", facts(n, "name", "value"))));
        if (n.ticketUrl() != null) {
            card.put("potentialAction", List.of(Map.of("@type", "OpenUri", "name", "Open ticket",
                    "targets", List.of(Map.of("os", "default", "uri", n.ticketUrl())))));
        }
        return card;
    }
}
