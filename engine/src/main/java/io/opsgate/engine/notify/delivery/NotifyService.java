package io.opsgate.engine.notify.delivery;

import io.opsgate.engine.notify.DeliveryReport;
import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.tenant.TenantRuntime;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.notify.TenantFollower;
import io.opsgate.engine.notify.channels.ChannelFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The notify workload's delivery: one {@link TenantNotifier} per running tenant, on the tenant's store. The
 * internal API (notify mode) and the in-process link (standalone) both come in through {@link #accept} and
 * {@link #reports}.
 */
public final class NotifyService implements AutoCloseable {
    /** How often each notifier looks for due work besides reacting to events. */
    static final long PUMP_PERIOD_MILLIS = 50;

    private final Clock clock;
    private final ChannelFactory channels;
    private final RetryPolicy retry;
    private final NotifyMetrics metrics;
    private volatile String externalUrl;
    private TenantFollower<TenantNotifier> notifiers;

    public NotifyService(Clock clock, ChannelFactory channels, RetryPolicy retry, NotifyMetrics metrics) {
        this.clock = clock;
        this.channels = channels;
        this.retry = retry;
        this.metrics = metrics;
    }

    /** Starts a notifier for each tenant of the registry and follows it. */
    public NotifyService follow(TenantRegistry registry) {
        notifiers = new TenantFollower<>("notify", registry, this::notifier).start(500);
        return this;
    }

    private TenantNotifier notifier(TenantRuntime rt) {
        return new TenantNotifier(rt.name(), rt.store(), clock, () -> rt.config() == null ? null : rt.config().compiled,
                channels, retry, metrics, () -> externalUrl, () -> ThreadLocalRandom.current().nextDouble())
                .start(PUMP_PERIOD_MILLIS);
    }

    /** The base URL of the tenant API that ticket links start with; null for none. */
    public void externalUrl(String url) {
        this.externalUrl = url;
    }

    /** The notifier of a tenant, or null when the tenant does not run here. */
    public TenantNotifier tenant(String tenant) {
        return notifiers == null ? null : notifiers.get(tenant);
    }

    /** Takes notifications from an ingest store ({@code origin}); completes once they are durable here. */
    public CompletableFuture<Void> accept(String tenant, String origin, List<OutboxEntry> entries) {
        TenantNotifier n = tenant(tenant);
        if (n == null) {
            return CompletableFuture.failedFuture(new UnknownTenant(tenant));
        }
        return n.accept(origin, entries);
    }

    /** Reports after {@code after}; those up to it are deleted (the caller has stored them). */
    public CompletableFuture<List<DeliveryReport>> reports(String tenant, long after, int limit) {
        TenantNotifier n = tenant(tenant);
        if (n == null) {
            return CompletableFuture.failedFuture(new UnknownTenant(tenant));
        }
        return n.reports(after, limit);
    }

    @Override
    public void close() {
        if (notifiers != null) {
            notifiers.close();
        }
    }

    /** The tenant does not run in this notify process (yet). */
    public static final class UnknownTenant extends RuntimeException {
        public UnknownTenant(String tenant) {
            super("tenant \"" + tenant + "\" is not served here", null, false, false);
        }
    }
}
