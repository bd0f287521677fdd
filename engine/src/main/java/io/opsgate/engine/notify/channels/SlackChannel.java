package io.opsgate.engine.notify.channels;

import io.opsgate.api.v1alpha1.NotificationChannelSpec;
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
 * A Slack incoming webhook (the Secret's {@code url}) with a Block Kit message: a header with the title,
 * a section with the mrkdwn text, a context line with tenant and ticket; {@code text} is the fallback
 * shown in notifications.
 */
final class SlackChannel extends JsonChannel {
    /** Slack's limits: header text 150 characters, section text 3000. */
    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;

    SlackChannel(String namespace, NotificationChannelSpec spec, ChannelContext ctx, EgressGate gate) {
        super(namespace, spec, ctx, gate);
    }

    @Override
    Request request(Notification n) throws MissingCredential {
        String url = credential("url");
        RenderedMessage m = RenderedMessage.render(ctx.templates(), spec, n, Escaper.SLACK, DefaultTemplates.SLACK);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", RenderedMessage.cut(m.title(), SECTION_MAX));
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text",
                "text", RenderedMessage.cut(m.title(), HEADER_MAX), "emoji", false)));
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn",
                "text", RenderedMessage.cut(m.body().strip(), SECTION_MAX))));
        String context = "tenant *" + n.tenantName() + "* · " + n.entry().status
                + (n.entry().ticketId == null ? "" : " · ticket #" + n.entry().ticketId);
        blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", context))));
        body.put("blocks", blocks);
        if (spec.slack != null && spec.slack.channel != null) {
            body.put("channel", spec.slack.channel);
        }
        if (spec.slack != null && spec.slack.username != null) {
            body.put("username", spec.slack.username);
        }
        return new Request(uri(url, "Slack webhook URL"), Map.of("Idempotency-Key", n.idempotencyKey()), bytes(body));
    }
}
