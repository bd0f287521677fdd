package io.opsgate.engine.notify.templates;

import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.engine.notify.Notification;

import java.util.Map;

/**
 * A notification rendered for one channel: a one-line title and a body, from the channel's templates or
 * the defaults.
 *
 * @param title one line
 * @param body  the text (mrkdwn for Slack)
 */
public record RenderedMessage(String title, String body) {

    /** Renders with the channel's templates, escaping values with {@code escaper}; {@code defaultBody} when none. */
    public static RenderedMessage render(Templates templates, NotificationChannelSpec spec, Notification n,
                                         Escaper escaper, String defaultBody) {
        Map<String, Object> scope = TemplateScope.of(n);
        NotificationChannelSpec.Templates custom = spec.templates;
        String titleTemplate = custom != null && custom.title != null ? custom.title : DefaultTemplates.TITLE;
        String bodyTemplate = custom != null && custom.body != null ? custom.body : defaultBody;
        String title = oneLine(templates.render(titleTemplate, escaper, scope));
        return new RenderedMessage(title, templates.render(bodyTemplate, escaper, scope));
    }

    /**
     * Renders the mail's HTML part: the default HTML, or the custom body as text, all of it escaped, in a
     * pre block (a tenant's template never becomes markup).
     */
    public static String html(Templates templates, NotificationChannelSpec spec, Notification n) {
        Map<String, Object> scope = TemplateScope.of(n);
        if (spec.templates != null && spec.templates.body != null) {
            java.io.StringWriter escaped = new java.io.StringWriter();
            try {
                Escaper.HTML.write(templates.render(spec.templates.body, Escaper.NONE, scope), escaped);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return "<html><body><pre style=\"font-family:sans-serif;white-space:pre-wrap\">" + escaped
                    + "</pre></body></html>";
        }
        return templates.render(DefaultTemplates.HTML, Escaper.HTML, scope);
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    /** The text cut to {@code max} characters, with an ellipsis when cut. */
    public static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }
}
