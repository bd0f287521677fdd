package io.opsgate.engine.notify.channels;

import io.opsgate.api.defaults.Defaults;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.engine.egress.EgressGate;

import java.util.concurrent.CompletableFuture;

/** Makes the channel of a NotificationChannel, by type, with the tenant's namespace for its Secret. */
public final class ChannelFactory {
    private final ChannelContext ctx;

    public ChannelFactory(ChannelContext ctx) {
        this.ctx = ctx;
    }

    public ChannelContext context() {
        return ctx;
    }

    /**
     * A channel for the spec, after filling in its defaults (idempotent, as the engine applies them on every read),
     * connecting only where the tenant's {@code gate} allows.
     */
    public Channel create(String namespace, NotificationChannelSpec spec, EgressGate gate) {
        Defaults.notificationChannel(spec);
        return switch (spec.type) {
            case Email -> new EmailChannel(namespace, spec, ctx, gate);
            case Slack -> new SlackChannel(namespace, spec, ctx, gate);
            case Teams -> new TeamsChannel(namespace, spec, ctx, gate);
            case Webhook -> new WebhookChannel(namespace, spec, ctx, gate);
            case PagerDuty -> new PagerDutyChannel(namespace, spec, ctx, gate);
            // The compiler keeps CallOut channels out of notify actions; a notice sent to one ends here, clearly.
            case CallOut -> notification -> CompletableFuture.completedFuture(Outcome.permanent(0,
                    "a CallOut channel calls people through a ContactGroup or an OnCallSchedule; it takes no notifications"));
        };
    }
}
