package io.opsgate.engine.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.api.config.TokenEntry;
import io.opsgate.api.time.Durations;
import io.opsgate.api.time.Timestamps;
import io.opsgate.engine.config.TenantConfig;
import io.opsgate.engine.security.audit.AccessLog;
import io.opsgate.engine.security.audit.Trees;
import io.opsgate.engine.security.crypto.DataKeyRecord;
import io.opsgate.engine.security.crypto.KeyEncryptionKeyProvider;
import io.opsgate.engine.security.crypto.TenantVault;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.tenant.TenantComponent;
import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.tenant.TenantRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The engine's security controls for every tenant of the process: credential vaults under envelope
 * encryption, the access log, scheduled data-key rotation and KEK re-wrapping, the purge, security notices
 * and the evidence the operator shows in Tenant status {@code controls} (docs/architecture.md, "The engine's
 * internal security API"). As a tenant component it writes each tenant's engine actions (retention deletes)
 * to the access log.
 */
public final class SecurityService implements TenantComponent, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration DEFAULT_ROTATION = Duration.ofDays(90);
    static final Duration DEFAULT_LOG_RETENTION = Duration.ofDays(365);
    static final int EXPIRING_WITHIN_DAYS = 14;

    /** The tenant's vault cannot be used: no KEK is available, or the tenant does not run. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    private record OpenVault(TenantStore store, TenantVault vault) {
    }

    private final String component;
    private final TenantRegistry registry;
    private final Path dataDir;
    private final KeyEncryptionKeyProvider keks;
    private final Clock clock;
    private final AccessLog accessLog;
    private final Supplier<ObjectNode> tls;
    private final Notices notices;
    private final Map<String, OpenVault> vaults = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    /**
     * @param component {@code ingest}, {@code notify} or {@code standalone}
     * @param keks      the KEK provider, or null when none is configured (the vault is then unavailable)
     * @param accessLog the access log, or null in notify (which serves no tenant API)
     * @param tls       the listener's TLS evidence
     */
    public SecurityService(String component, TenantRegistry registry, Path dataDir, KeyEncryptionKeyProvider keks,
                           Clock clock, AccessLog accessLog, Supplier<ObjectNode> tls) {
        this.component = component;
        this.registry = registry;
        this.dataDir = dataDir;
        this.keks = keks;
        this.clock = clock;
        this.accessLog = accessLog;
        this.tls = tls;
        this.notices = new Notices(registry, clock);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "key-rotation");
            t.setDaemon(true);
            return t;
        });
    }

    /** Every {@code periodMillis}: checks whether a data key is due for rotation or its KEK changed. */
    public SecurityService start(long periodMillis) {
        timer.scheduleWithFixedDelay(this::maintainKeys, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    public AccessLog accessLog() {
        return accessLog;
    }

    public Notices notices() {
        return notices;
    }

    /** The vault of a running tenant. */
    public TenantVault vault(String tenant) {
        if (keks == null || keks.currentId() == null) {
            throw new Unavailable("credential encryption is not available: no key-encryption key is configured");
        }
        TenantRuntime rt = registry.tenant(tenant);
        if (rt == null) {
            throw new Unavailable("tenant " + tenant + " does not run");
        }
        OpenVault open = vaults.compute(tenant, (t, v) -> v != null && v.store() == rt.store() ? v
                : new OpenVault(rt.store(), new TenantVault(t, rt.store(), keks, clock)));
        return open.vault();
    }

    /** The vault's values of a credential, or null when the tenant has no such entry or no vault. */
    public Map<String, String> credential(String tenant, String name) {
        if (keks == null || keks.currentId() == null || registry.tenant(tenant) == null) {
            return null;
        }
        try {
            return vault(tenant).values(name);
        } catch (GeneralSecurityException e) {
            LOG.error("tenant {}: credential {} cannot be decrypted: {}", tenant, name, e.getMessage());
            return null;
        }
    }

    /**
     * The vault's values of a credential of the tenant whose namespace is {@code namespace} (how channels
     * name their secretRef), or null.
     */
    public Map<String, String> credentialInNamespace(String namespace, String name) {
        for (TenantRuntime rt : registry.tenants().values()) {
            if (io.opsgate.api.v1alpha1.TenantSpec.namespaceFor(rt.name(), rt.config().compiled.tenantSpec).equals(namespace)) {
                return credential(rt.name(), name);
            }
        }
        return null;
    }

    /** Rotates a tenant's data key now, logs it and sends a notice; returns the new key's record. */
    public DataKeyRecord rotate(String tenant, String reason) throws GeneralSecurityException {
        DataKeyRecord before = vault(tenant).keyRecord();
        DataKeyRecord next = vault(tenant).rotate();
        String detail = "data key " + (before == null ? "(none)" : before.id()) + " replaced by " + next.id() + " (" + reason
                + "); " + vault(tenant).list().size() + " credentials re-encrypted; old key destroyed";
        if (accessLog != null) {
            accessLog.engineAction(tenant, "rotate-data-key", detail);
        }
        notices.send(tenant, "Data key rotated", detail, "info", "KeyRotated");
        return next;
    }

    /** A tenant starts: the changes its engine makes by itself go to its access log. */
    @Override
    public Part start(TenantRuntime tenant) {
        if (accessLog != null) {
            String name = tenant.name();
            tenant.onEngineAction((action, detail) -> accessLog.engineAction(name, action, detail));
        }
        return why -> { };
    }

    private void maintainKeys() {
        if (keks == null || keks.currentId() == null) {
            return;
        }
        for (TenantRuntime rt : registry.tenants().values()) {
            try {
                TenantVault v = vault(rt.name());
                DataKeyRecord key = v.keyRecord();
                if (key == null) {
                    continue;
                }
                if (clock.millis() - key.createdAt() >= rotationPeriod(rt.config()).toMillis()) {
                    rotate(rt.name(), "scheduled, spec.security.dataKeyRotation");
                } else if (v.rewrap() && accessLog != null) {
                    accessLog.engineAction(rt.name(), "rewrap-data-key", "data key " + key.id()
                            + " wrapped with key-encryption key " + keks.currentId());
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                LOG.error("tenant {}: data key maintenance failed: {}", rt.name(), e.getMessage());
            }
        }
    }

    static Duration rotationPeriod(TenantConfig config) {
        var security = config.compiled.tenantSpec.security;
        return Durations.parseOr(security == null ? null : security.dataKeyRotation, DEFAULT_ROTATION);
    }

    /** A tenant's log retention, spec.retention.logs (default 365d). */
    public Duration logRetention(String tenant) {
        TenantRuntime rt = registry.tenant(tenant);
        return rt == null ? DEFAULT_LOG_RETENTION
                : Durations.parseOr(rt.config().compiled.tenantSpec.retention.logs, DEFAULT_LOG_RETENTION);
    }

    /**
     * Purges a tenant from this process: out of service, store directory (data, data key, vault) and
     * access log deleted, then checked. Idempotent.
     */
    public ObjectNode purge(String tenant) throws IOException {
        if (!tenant.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")) {
            throw new IllegalArgumentException("tenant must be a DNS label");
        }
        OpenVault open = vaults.remove(tenant);
        if (open != null) {
            open.vault().forget();
        }
        registry.retire(tenant);
        long bytes = accessLog == null ? 0 : accessLog.delete(tenant);
        Path dir = dataDir.resolve(tenant);
        bytes += Trees.delete(dir);
        boolean storeDeleted = !Files.exists(dir);
        boolean logsDeleted = !Files.exists(AccessLog.file(dataDir, tenant));
        boolean keysDestroyed = storeDeleted && registry.tenant(tenant) == null && !vaults.containsKey(tenant);
        ObjectNode report = JSON.createObjectNode();
        report.put("tenant", tenant);
        report.put("component", component);
        report.put("storeDeleted", storeDeleted);
        report.put("keysDestroyed", keysDestroyed);
        report.put("logsDeleted", logsDeleted);
        report.put("bytesRemoved", bytes);
        report.put("verifiedAt", Instant.ofEpochMilli(clock.millis()).toString());
        LOG.info("tenant {} purged: {}", tenant, report);
        return report;
    }

    /** The evidence of a running tenant (GET /internal/v1/security), or null when it does not run. */
    public ObjectNode evidence(String tenant) {
        TenantRuntime rt = registry.tenant(tenant);
        if (rt == null) {
            return null;
        }
        long now = clock.millis();
        ObjectNode e = JSON.createObjectNode();
        e.put("tenant", tenant);
        e.put("component", component);
        e.put("time", Instant.ofEpochMilli(now).toString());
        e.set("tls", tls.get());
        e.set("dataKey", dataKey(rt));
        e.set("accessLog", accessLogEvidence(tenant));
        e.set("tokens", tokens(rt.config(), now));
        ObjectNode vault = e.putObject("vault");
        vault.put("entries", keks == null || keks.currentId() == null ? 0 : vault(tenant).list().size());
        ObjectNode allow = e.putObject("allowList");
        var spec = rt.config().compiled.tenantSpec;
        ArrayNode api = allow.putArray("api");
        (spec.access == null || spec.access.apiAllowedCidrs.isEmpty() ? spec.ingest.allowedCidrs
                : spec.access.apiAllowedCidrs).forEach(api::add);
        ArrayNode ingest = allow.putArray("ingest");
        spec.ingest.allowedCidrs.forEach(ingest::add);
        return e;
    }

    private ObjectNode dataKey(TenantRuntime rt) {
        if (keks == null || keks.currentId() == null) {
            return null;
        }
        DataKeyRecord key = vault(rt.name()).keyRecord();
        if (key == null) {
            return null;
        }
        Duration period = rotationPeriod(rt.config());
        ObjectNode d = JSON.createObjectNode();
        d.put("id", key.id());
        d.put("createdAt", Instant.ofEpochMilli(key.createdAt()).toString());
        d.put("rotatedAt", key.rotated() ? Instant.ofEpochMilli(key.createdAt()).toString() : null);
        var security = rt.config().compiled.tenantSpec.security;
        d.put("rotationPeriod", security == null || security.dataKeyRotation == null ? Durations.format(period)
                : security.dataKeyRotation);
        d.put("nextRotationDue", Instant.ofEpochMilli(key.createdAt()).plus(period).toString());
        d.put("kekId", key.kekId());
        d.put("kekProvider", keks.name());
        return d;
    }

    private ObjectNode accessLogEvidence(String tenant) {
        if (accessLog == null) {
            return null;
        }
        AccessLog.Stats s = accessLog.stats(tenant);
        ObjectNode a = JSON.createObjectNode();
        a.put("entries", s.entries());
        a.put("headHash", s.headHash());
        a.put("oldestEntry", s.oldest() == null ? null : s.oldest().toString());
        a.put("anchor", s.anchor());
        String declared = registry.tenant(tenant) == null ? null
                : registry.tenant(tenant).config().compiled.tenantSpec.retention.logs;
        a.put("retention", declared == null ? Durations.format(logRetention(tenant)) : declared);
        a.put("chainVerified", accessLog.verify(tenant).ok());
        return a;
    }

    private static ObjectNode tokens(TenantConfig config, long now) {
        ObjectNode t = JSON.createObjectNode();
        t.put("count", config.compiled.tokens.size());
        ArrayNode soon = t.putArray("expiringSoon");
        ArrayNode expired = t.putArray("expired");
        long window = Duration.ofDays(EXPIRING_WITHIN_DAYS).toMillis();
        for (TokenEntry token : config.compiled.tokens) {
            if (token.expiresAt == null) {
                continue;
            }
            long at = Timestamps.parse(token.expiresAt).toEpochMilli();
            if (at <= now) {
                expired.add(token.name);
            } else if (at - now <= window) {
                soon.add(token.name);
            }
        }
        t.put("expiringWithinDays", EXPIRING_WITHIN_DAYS);
        return t;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (OpenVault v : vaults.values()) {
            v.vault().forget();
        }
        if (accessLog != null) {
            accessLog.close();
        }
    }
}
