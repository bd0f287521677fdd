package io.opsgate.engine.notify.channels;

import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.notify.Notification;
import io.opsgate.engine.notify.templates.DefaultTemplates;
import io.opsgate.engine.notify.templates.Escaper;
import io.opsgate.engine.notify.templates.RenderedMessage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generic JSON webhook. The body carries the rendered title and text and the structured notification;
 * {@code Idempotency-Key} is stable per notification and channel, and with a Secret the signature header
 * ({@code X-Opsgate-Signature} unless configured) is {@code sha256=<hex HMAC-SHA256 of the body bytes>} under
 * its {@code hmacKey}. The URL is {@code webhook.url}, or the Secret's {@code url}.
 */
final class WebhookChannel extends JsonChannel {
    static final String VERSION = "1";

    WebhookChannel(String namespace, NotificationChannelSpec spec, ChannelContext ctx, EgressGate gate) {
        super(namespace, spec, ctx, gate);
    }

    @Override
    Request request(Notification n) throws MissingCredential {
        NotificationChannelSpec.WebhookSettings w = spec.webhook == null ? new NotificationChannelSpec.WebhookSettings()
                : spec.webhook;
        String url = w.url != null ? w.url : credential("url");
        RenderedMessage m = RenderedMessage.render(ctx.templates(), spec, n, Escaper.NONE, DefaultTemplates.TEXT);
        byte[] body = bytes(body(n, m));
        Map<String, String> headers = new LinkedHashMap<>();
        if (w.headers != null) {
            headers.putAll(w.headers);
        }
        headers.put("Idempotency-Key", n.idempotencyKey());
        headers.put("User-Agent", "opsgate");
        if (spec.secretRef != null) {
            String header = w.signatureHeader == null ? "X-Opsgate-Signature" : w.signatureHeader;
            headers.put(header, Signatures.sha256(credential("hmacKey"), body));
        }
        return new Request(uri(url, "webhook URL"), headers, body);
    }

    static Map<String, Object> body(Notification n, RenderedMessage m) {
        OutboxEntry e = n.entry();
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("version", VERSION);
        b.put("idempotencyKey", n.idempotencyKey());
        b.put("tenant", n.tenant());
        b.put("channel", n.channel());
        b.put("type", e.type);
        b.put("status", e.status);
        b.put("title", m.title());
        b.put("text", m.body());
        b.put("rule", e.rule);
        b.put("groupKey", e.groupKey);
        b.put("groupLabels", e.groupLabels);
        if (e.level != null) {
            b.put("level", e.level);
        }
        b.put("repeat", e.repeat);
        if (e.ticketId != null) {
            Map<String, Object> ticket = new LinkedHashMap<>();
            ticket.put("id", e.ticketId);
            ticket.put("priority", e.priority);
            if (n.ticketUrl() != null) {
                ticket.put("url", n.ticketUrl());
            }
            b.put("ticket", ticket);
        }
        b.put("alerts", e.alerts);
        b.put("createdAt", e.createdAt);
        return b;
    }
}
