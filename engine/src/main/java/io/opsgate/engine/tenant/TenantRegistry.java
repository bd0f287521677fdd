package io.opsgate.engine.tenant;

import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.TokenEntry;
import io.opsgate.api.time.Timestamps;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.engine.config.LoadedConfig;
import io.opsgate.engine.config.TenantConfig;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.store.StoreFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running tenants, the tokens that reach them, and their one lifecycle: a tenant starts when a
 * configuration first names it, is reconfigured by every later load, and stops when a load leaves it out, when
 * it is purged, or at shutdown; the plugged {@link TenantComponent}s follow each step. A reload builds the next
 * maps aside and swaps them in with one volatile write, so a request sees either the old or the new
 * configuration whole. A request's tenant is the one its token belongs to: there is no other way to name a tenant.
 */
public final class TenantRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantRegistry.class);

    private final StoreFactory stores;
    private final Clock clock;
    private final EngineMetrics metrics;
    private final long tickMillis;
    private volatile Map<String, TenantRuntime> tenants = Map.of();
    private volatile Map<String, TokenGrant> grants = Map.of();
    private volatile List<String> problems = List.of();
    private volatile boolean loaded;
    /** Tenants purged in this process: not started again until a load without them was installed. */
    private final java.util.Set<String> purged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final TenantLifecycle lifecycle = new TenantLifecycle();

    public TenantRegistry(StoreFactory stores, Clock clock, EngineMetrics metrics, long tickMillis) {
        this.stores = stores;
        this.clock = clock;
        this.metrics = metrics;
        this.tickMillis = tickMillis;
    }

    /**
     * Installs what a source loaded. A load with problems that {@code refuse} it leaves a running
     * configuration in force; at start, when nothing runs yet, what could be read is used.
     *
     * @return whether the load was installed
     */
    public synchronized boolean apply(LoadedConfig load) {
        this.problems = List.copyOf(load.problems());
        for (String p : load.problems()) {
            LOG.warn("configuration problem: {}", p);
        }
        if (load.refuse() && loaded) {
            LOG.error("configuration reload refused ({} problems); the last good configuration stays in force",
                    load.problems().size());
            for (String t : tenants.keySet()) {
                metrics.tenant(t).configReload("error");
            }
            return false;
        }
        Map<String, TenantRuntime> next = new LinkedHashMap<>();
        for (Map.Entry<String, CompiledConfig> e : load.tenants().entrySet()) {
            String name = e.getKey();
            if (purged.contains(name)) {
                LOG.warn("tenant {} was purged; it stays out of service while the configuration still names it", name);
                continue;
            }
            TenantRuntime runtime = tenants.get(name);
            TenantConfig config;
            try {
                config = new TenantConfig(e.getValue(), problemsOf(name, load.problems()));
            } catch (RuntimeException ex) {
                LOG.error("configuration of tenant {} does not compile: {}", name, ex.getMessage());
                metrics.tenant(name).configReload("error");
                if (runtime != null) {
                    next.put(name, runtime);
                }
                continue;
            }
            try {
                boolean starts = runtime == null;
                if (starts) {
                    runtime = new TenantRuntime(name, stores.open(name), clock, metrics.tenant(name), tickMillis);
                }
                runtime.install(config);
                next.put(name, runtime);
                if (starts) {
                    lifecycle.started(runtime);
                } else {
                    lifecycle.reconfigured(runtime);
                }
                metrics.tenant(name).configReload("success");
                LOG.info("tenant {}: configuration {} in force ({} rules)", name,
                        config.compiled.hash == null ? "-" : config.compiled.hash.substring(0, 12), config.rules.all().size());
            } catch (IOException ex) {
                LOG.error("tenant {} cannot start: {}", name, ex.getMessage());
                metrics.tenant(name).configReload("error");
            }
        }
        for (Map.Entry<String, TenantRuntime> old : tenants.entrySet()) {
            if (!next.containsKey(old.getKey())) {
                LOG.info("tenant {} is no longer configured; its store is closed, its data kept", old.getKey());
                lifecycle.stopped(old.getValue(), TenantComponent.Stop.REMOVED);
                old.getValue().close();
            }
        }
        this.tenants = Map.copyOf(next);
        this.grants = grants(next);
        this.loaded = true;
        purged.retainAll(load.tenants().keySet());
        return true;
    }

    /**
     * Takes a tenant out of service for its purge: its tokens stop working at once, its components' parts stop
     * (as at shutdown: nothing more is written), its lane finishes what is queued, its store is closed. It is not started again until a configuration without it was loaded.
     *
     * @return whether it was running
     */
    public synchronized boolean retire(String name) {
        purged.add(name);
        TenantRuntime runtime = tenants.get(name);
        if (runtime == null) {
            return false;
        }
        Map<String, TenantRuntime> next = new LinkedHashMap<>(tenants);
        next.remove(name);
        this.tenants = Map.copyOf(next);
        this.grants = grants(next);
        lifecycle.stopped(runtime, TenantComponent.Stop.SHUTDOWN);
        runtime.close();
        return true;
    }

    private static List<String> problemsOf(String tenant, List<String> all) {
        List<String> result = new ArrayList<>();
        for (String p : all) {
            boolean other = p.matches("^[a-z0-9-]+: .*") && !p.startsWith(tenant + ": ");
            boolean otherTenant = p.startsWith("Tenant/") && !p.startsWith("Tenant/" + tenant + ":");
            if (!other && !otherTenant) {
                result.add(p);
            }
        }
        return result;
    }

    private Map<String, TokenGrant> grants(Map<String, TenantRuntime> runtimes) {
        Map<String, TokenGrant> result = new HashMap<>();
        for (TenantRuntime rt : runtimes.values()) {
            for (TokenEntry t : rt.config().compiled.tokens) {
                if (t.sha256 == null) {
                    continue;
                }
                long expires = t.expiresAt == null ? Long.MAX_VALUE : Timestamps.parse(t.expiresAt).toEpochMilli();
                EnumSet<ApiTokenSpec.TokenScope> scopes = EnumSet.noneOf(ApiTokenSpec.TokenScope.class);
                scopes.addAll(t.scopes);
                TokenGrant previous = result.put(t.sha256, new TokenGrant(rt, t.name, scopes,
                        HexFormat.of().parseHex(t.sha256), expires));
                if (previous != null) {
                    LOG.error("the same token is configured for tenants {} and {}; it is refused for both",
                            previous.tenant().name(), rt.name());
                    result.put(t.sha256, new TokenGrant(null, null, EnumSet.noneOf(ApiTokenSpec.TokenScope.class),
                            new byte[0], 0));
                }
            }
        }
        return Map.copyOf(result);
    }

    /**
     * Plugs a component into the tenant lifecycle: from the next tenant that starts on, it gets its part of it.
     * Plug every component before the first configuration is applied.
     *
     * @throws IllegalStateException when a configuration is installed already
     */
    public synchronized void plug(TenantComponent component) {
        if (loaded) {
            throw new IllegalStateException("plug components before the first configuration is applied");
        }
        lifecycle.plug(component);
    }

    /** The grant of a bearer token, or null when it is unknown, expired or ambiguous. */
    public TokenGrant authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        byte[] hash = sha256(token);
        TokenGrant g = grants.get(HexFormat.of().formatHex(hash));
        if (g == null || g.tenant() == null || !MessageDigest.isEqual(hash, g.hash())) {
            return null;
        }
        return clock.millis() < g.expiresAt() ? g : null;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, TenantRuntime> tenants() {
        return tenants;
    }

    public TenantRuntime tenant(String name) {
        return tenants.get(name);
    }

    /** The problems of the latest load that concern {@code tenant} or no tenant in particular (file errors). */
    public List<String> problemsFor(String tenant) {
        return problemsOf(tenant, problems);
    }

    /** Whether a configuration was installed and every tenant's state loaded. */
    public boolean ready() {
        return loaded;
    }

    @Override
    public synchronized void close() {
        for (TenantRuntime rt : tenants.values()) {
            lifecycle.stopped(rt, TenantComponent.Stop.SHUTDOWN);
            rt.close();
        }
        tenants = Map.of();
        grants = Map.of();
    }
}
