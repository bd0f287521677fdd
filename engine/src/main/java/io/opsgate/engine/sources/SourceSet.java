package io.opsgate.engine.sources;

import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.defaults.Defaults;
import io.opsgate.api.v1alpha1.AlertSourceSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A tenant's AlertSources compiled once per configuration load: mail sources by recipient, webhooks by name. */
public final class SourceSet {
    private static final SourceSet EMPTY = new SourceSet(List.of(), Map.of());

    private final List<MailSource> mail;
    private final Map<String, MailSource> byRecipient = new HashMap<>();
    private final Map<String, WebhookSource> webhooks;

    private SourceSet(List<MailSource> mail, Map<String, WebhookSource> webhooks) {
        this.mail = List.copyOf(mail);
        this.webhooks = Map.copyOf(webhooks);
        for (MailSource m : mail) {
            for (String r : m.recipients) {
                byRecipient.put(r, m);
            }
        }
    }

    /**
     * Compiles the AlertSources of a compiled configuration (already validated by the compiler).
     *
     * @throws IllegalArgumentException when a source does not compile
     */
    public static SourceSet compile(String tenant, List<NamedSpec<AlertSourceSpec>> specs) {
        if (specs == null || specs.isEmpty()) {
            return EMPTY;
        }
        List<MailSource> mail = new ArrayList<>();
        Map<String, WebhookSource> webhooks = new HashMap<>();
        for (NamedSpec<AlertSourceSpec> s : specs) {
            AlertSourceSpec spec = Defaults.alertSource(s.spec);
            if (spec.type == AlertSourceSpec.SourceType.Mail && spec.mail != null) {
                mail.add(new MailSource(tenant, s.name, spec));
            } else if (spec.type == AlertSourceSpec.SourceType.Webhook && spec.webhook != null) {
                webhooks.put(s.name, new WebhookSource(s.name, spec));
            }
        }
        return new SourceSet(mail, webhooks);
    }

    public static SourceSet empty() {
        return EMPTY;
    }

    /** The mail source receiving on this address (case-insensitive), or null. */
    public MailSource mailFor(String recipient) {
        return recipient == null ? null : byRecipient.get(recipient.trim().toLowerCase(Locale.ROOT));
    }

    /** The webhook source of that name, or null (also when the name is a mail source). */
    public WebhookSource webhook(String name) {
        return webhooks.get(name);
    }

    public List<MailSource> mail() {
        return mail;
    }
}
