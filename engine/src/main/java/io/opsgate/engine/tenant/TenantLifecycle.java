package io.opsgate.engine.tenant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one per-tenant lifecycle: every plugged component's part is started when a tenant starts (in plug
 * order), told of each reconfiguration, and stopped when the tenant stops (last started first), while the
 * tenant's lane and store still work. A part that fails is logged and does not keep the others from running.
 */
final class TenantLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(TenantLifecycle.class);

    private final List<TenantComponent> components = new CopyOnWriteArrayList<>();
    private final Map<String, List<TenantComponent.Part>> parts = new ConcurrentHashMap<>();

    void plug(TenantComponent component) {
        components.add(component);
    }

    void started(TenantRuntime tenant) {
        List<TenantComponent.Part> started = new ArrayList<>();
        for (TenantComponent c : components) {
            try {
                started.add(c.start(tenant));
            } catch (RuntimeException e) {
                LOG.error("tenant {}: {} did not start", tenant.name(), c.getClass().getSimpleName(), e);
            }
        }
        parts.put(tenant.name(), started);
    }

    void reconfigured(TenantRuntime tenant) {
        for (TenantComponent.Part p : parts.getOrDefault(tenant.name(), List.of())) {
            try {
                p.reconfigured();
            } catch (RuntimeException e) {
                LOG.error("tenant {}: a component did not follow the new configuration", tenant.name(), e);
            }
        }
    }

    void stopped(TenantRuntime tenant, TenantComponent.Stop why) {
        List<TenantComponent.Part> running = parts.remove(tenant.name());
        if (running == null) {
            return;
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).stop(why);
            } catch (RuntimeException e) {
                LOG.warn("tenant {}: a component did not stop cleanly: {}", tenant.name(), e.toString());
            }
        }
    }
}
