package io.opsgate.engine.notify.delivery;

import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.notify.DeliveryReport;
import io.opsgate.engine.notify.channels.ChannelFactory;
import io.opsgate.engine.tenant.TenantComponent;
import io.opsgate.engine.tenant.TenantRuntime;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The notify workload's delivery: one {@link TenantNotifier} per running tenant, on the tenant's store, started
 * and stopped with the tenant by the tenant lifecycle. The internal API (notify mode) and the in-process link
 * (standalone) both come in through {@link #accept} and {@link #reports}.
 */
public final class NotifyService implements TenantComponent {
    /** How often each notifier looks for due work besides reacting to events. */
    static final long PUMP_PERIOD_MILLIS = 50;

    private final Clock clock;
    private final ChannelFactory channels;
    private final RetryPolicy retry;
    private final NotifyMetrics metrics;
    private volatile String externalUrl;
    private final Map<String, TenantNotifier> notifiers = new ConcurrentHashMap<>();
    private volatile java.util.function.BiConsumer<String, List<OutboxEntry>> accepted = (tenant, entries) -> { };

    public NotifyService(Clock clock, ChannelFactory channels, RetryPolicy retry, NotifyMetrics metrics) {
        this.clock = clock;
        this.channels = channels;
        this.retry = retry;
        this.metrics = metrics;
    }

    @Override
    public Part start(TenantRuntime tenant) {
        TenantNotifier n = new TenantNotifier(tenant.name(), tenant.store(), clock, () -> tenant.config().compiled,
                channels, retry, metrics, () -> externalUrl, () -> ThreadLocalRandom.current().nextDouble())
                .onAccepted(entries -> accepted.accept(tenant.name(), entries))
                .start(PUMP_PERIOD_MILLIS);
        notifiers.put(tenant.name(), n);
        return why -> {
            notifiers.remove(tenant.name(), n);
            n.close();
        };
    }

    /** The base URL of the tenant API that ticket links start with; null for none. */
    public void externalUrl(String url) {
        this.externalUrl = url;
    }

    /** The base URL of the tenant API as people and providers reach it, or null. */
    public String externalUrl() {
        return externalUrl;
    }

    /** Who is told of each tenant's notification requests once stored (the call-outs); before tenants start. */
    public void onAccepted(java.util.function.BiConsumer<String, List<OutboxEntry>> listener) {
        this.accepted = listener;
    }

    /** The notifier of a tenant, or null when the tenant does not run here. */
    public TenantNotifier tenant(String tenant) {
        return notifiers.get(tenant);
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

    /** The tenant does not run in this notify process (yet). */
    public static final class UnknownTenant extends RuntimeException {
        public UnknownTenant(String tenant) {
            super("tenant \"" + tenant + "\" is not served here", null, false, false);
        }
    }
}
