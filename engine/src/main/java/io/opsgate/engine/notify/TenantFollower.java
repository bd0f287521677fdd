package io.opsgate.engine.notify;

import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.tenant.TenantRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Keeps one component per running tenant: starts it when a tenant appears in the registry (after a
 * configuration load) and closes it when the tenant goes. The registry is looked at once at start and
 * then every {@code periodMillis}; a tenant's runtime is the same object across reloads, so only a tenant
 * that was removed and added again gets a new component.
 *
 * @param <T> the per-tenant component
 */
public final class TenantFollower<T extends AutoCloseable> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantFollower.class);

    private record Running<T>(TenantRuntime runtime, T component) {
    }

    private final String what;
    private final TenantRegistry registry;
    private final Function<TenantRuntime, T> create;
    private final ScheduledExecutorService timer;
    private volatile Map<String, Running<T>> running = Map.of();

    public TenantFollower(String what, TenantRegistry registry, Function<TenantRuntime, T> create) {
        this.what = what;
        this.registry = registry;
        this.create = create;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, what + "-follower");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the components of the tenants running now, then follows the registry. */
    public TenantFollower<T> start(long periodMillis) {
        sync();
        timer.scheduleWithFixedDelay(this::sync, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The component of a tenant, or null. */
    public T get(String tenant) {
        Running<T> r = running.get(tenant);
        return r == null ? null : r.component();
    }

    /** Components by tenant. */
    public Map<String, T> all() {
        Map<String, T> result = new HashMap<>();
        running.forEach((k, v) -> result.put(k, v.component()));
        return result;
    }

    private synchronized void sync() {
        try {
            Map<String, TenantRuntime> tenants = registry.tenants();
            Map<String, Running<T>> next = new HashMap<>();
            for (Map.Entry<String, Running<T>> e : running.entrySet()) {
                if (tenants.get(e.getKey()) == e.getValue().runtime()) {
                    next.put(e.getKey(), e.getValue());
                } else {
                    stop(e.getKey(), e.getValue().component());
                }
            }
            for (Map.Entry<String, TenantRuntime> e : tenants.entrySet()) {
                if (!next.containsKey(e.getKey())) {
                    next.put(e.getKey(), new Running<>(e.getValue(), create.apply(e.getValue())));
                }
            }
            running = Map.copyOf(next);
        } catch (RuntimeException e) {
            LOG.error("{}: following the tenants failed", what, e);
        }
    }

    private void stop(String tenant, T component) {
        try {
            component.close();
        } catch (Exception e) {
            LOG.warn("{} of tenant {} did not stop cleanly: {}", what, tenant, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        timer.shutdown();
        running.forEach((k, v) -> stop(k, v.component()));
        running = Map.of();
    }
}
