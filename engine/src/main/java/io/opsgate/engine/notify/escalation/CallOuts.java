package io.opsgate.engine.notify.escalation;

import io.opsgate.engine.notify.CallbackRelay;
import io.opsgate.engine.notify.CallbackReply;
import io.opsgate.engine.notify.ProviderCallback;
import io.opsgate.engine.notify.callout.TwilioCompatibleProvider;
import io.opsgate.engine.notify.channels.Credentials;
import io.opsgate.engine.notify.delivery.NotifyService;
import io.opsgate.engine.notify.delivery.TenantNotifier;
import io.opsgate.engine.tenant.TenantComponent;
import io.opsgate.engine.tenant.TenantRuntime;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The call-outs of the notify workload (docs/oncall.md): a tenant component, plugged after {@link NotifyService},
 * that gives each tenant its {@link TenantCallOuts}, feeds it the notification requests notify stores, and
 * answers the provider's callbacks that ingest relays.
 */
public final class CallOuts implements TenantComponent, CallbackRelay {
    private static final String XML = "application/xml; charset=utf-8";

    private final NotifyService notify;
    private final Credentials credentials;
    private final Clock clock;
    private final HttpClient http = TwilioCompatibleProvider.defaultClient(Duration.ofSeconds(5));
    private final Map<String, TenantCallOuts> tenants = new ConcurrentHashMap<>();

    /** @param credentials the mounted Secrets (channel credentials and the contacts Secret), the vault first */
    public CallOuts(NotifyService notify, Credentials credentials, Clock clock) {
        this.notify = notify;
        this.credentials = credentials;
        this.clock = clock;
        notify.onAccepted((tenant, entries) -> {
            TenantCallOuts t = tenants.get(tenant);
            if (t != null) {
                t.accepted(entries);
            }
        });
    }

    @Override
    public Part start(TenantRuntime tenant) {
        TenantNotifier notifier = notify.tenant(tenant.name());
        if (notifier == null) {
            throw new IllegalStateException("call-outs need notify's delivery of tenant " + tenant.name());
        }
        TenantCallOuts t = new TenantCallOuts(tenant.name(), () -> tenant.config().compiled, notifier, credentials,
                clock, notify::externalUrl, http);
        tenants.put(tenant.name(), t);
        return why -> {
            tenants.remove(tenant.name(), t);
            t.close();
        };
    }

    @Override
    public CompletableFuture<CallbackReply> relay(ProviderCallback callback) {
        TenantCallOuts t = tenants.get(callback.tenant());
        if (t == null) {
            return CompletableFuture.completedFuture(new CallbackReply(404, XML, "<Response/>"));
        }
        return CompletableFuture.completedFuture(t.callback(callback));
    }
}
