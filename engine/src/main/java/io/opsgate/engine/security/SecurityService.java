package io.opsgate.engine.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.api.audit.ChainVerifier;
import io.opsgate.api.audit.HashChain.Head;
import io.opsgate.api.config.TokenEntry;
import io.opsgate.api.time.Durations;
import io.opsgate.api.time.Timestamps;
import io.opsgate.engine.config.TenantConfig;
import io.opsgate.engine.handoff.NotifyLink;
import io.opsgate.engine.security.audit.AccessLog;
import io.opsgate.engine.security.audit.LogKeys;
import io.opsgate.engine.security.audit.Trees;
import io.opsgate.engine.security.crypto.DataKeyRecord;
import io.opsgate.engine.security.crypto.KekSource;
import io.opsgate.engine.security.vault.TenantVault;
import io.opsgate.engine.store.TenantKeys;
import io.opsgate.engine.security.vault.VaultRecord;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The engine's security controls for every tenant of the process: the credential vaults, the access log and the
 * keys its lines are sealed and MACed with, scheduled data-key rotation (every record of the store re-encrypted)
 * and KEK re-wrapping, the destruction of retired data keys nothing needs any more, the purge, security notices and
 * the evidence the operator shows in Tenant status {@code controls} (docs/architecture.md, "The engine's internal
 * security API"). The encryption of the records itself is the store's ({@code store.SealedStore}). As a tenant
 * component it writes each tenant's engine actions (retention deletes) to the access log.
 */
public final class SecurityService implements TenantComponent, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration DEFAULT_ROTATION = Duration.ofDays(90);
    static final Duration DEFAULT_LOG_RETENTION = Duration.ofDays(365);
    static final int EXPIRING_WITHIN_DAYS = 14;

    /** The tenant's vault cannot be used: the tenant does not run, or its credentials cannot be read. */
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
    private final KekSource keks;
    private final Clock clock;
    private final AccessLog accessLog;
    private final Supplier<ObjectNode> tls;
    private final Notices notices;
    private final Map<String, OpenVault> vaults = new ConcurrentHashMap<>();
    private final Map<String, TenantLogKeys> logKeys = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    /** Ingest in a cluster: hands the credentials to notify; null where notify reads this very vault. */
    private final CredentialReplica replica;

    /**
     * @param component {@code ingest}, {@code notify} or {@code standalone}
     * @param keks      where the tenants' KEKs come from (the stores use them; the purge destroys a tenant's own)
     * @param accessLog the access log, or null in notify (which serves no tenant API)
     * @param tls       the listener's TLS evidence
     * @param notify    ingest in a cluster: the link its credentials go to notify by; null in standalone and notify
     */
    public SecurityService(String component, TenantRegistry registry, Path dataDir, KekSource keks,
                           Clock clock, AccessLog accessLog, Supplier<ObjectNode> tls, NotifyLink notify) {
        this.component = component;
        this.registry = registry;
        this.dataDir = dataDir;
        this.keks = keks;
        this.clock = clock;
        this.accessLog = accessLog;
        this.tls = tls;
        this.notices = new Notices(registry, clock, this::logRetention);
        this.replica = notify == null ? null : new CredentialReplica(notify, registry);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "key-rotation");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Every {@code periodMillis}: checks whether a data key is due for rotation or its KEK changed, and (ingest in a
     * cluster) hands notify the credentials it may lack.
     */
    public SecurityService start(long periodMillis) {
        timer.scheduleWithFixedDelay(this::maintainKeys, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        if (replica != null) {
            timer.scheduleWithFixedDelay(() -> replica.reconcile(this), 0, periodMillis, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * Says a tenant's credentials changed: notify gets them now (ingest in a cluster); true once it has them, at
     * once where notify reads this vault.
     */
    public CompletableFuture<Boolean> credentialsChanged(String tenant) {
        return replica == null ? CompletableFuture.completedFuture(true) : replica.push(tenant, this);
    }

    /**
     * Notify: makes the tenant's vault hold exactly {@code credentials} (name → key → value), as ingest's holds
     * them; returns how many it holds.
     */
    public int replaceCredentials(String tenant, Map<String, Map<String, String>> credentials) {
        TenantVault v = vault(tenant);
        for (Map.Entry<String, Map<String, String>> e : credentials.entrySet()) {
            Map<String, String> stored = v.metadata(e.getKey()) == null ? null : v.values(e.getKey());
            if (!e.getValue().equals(stored)) {
                v.put(e.getKey(), e.getValue());
            }
        }
        for (VaultRecord r : v.list()) {
            if (!credentials.containsKey(r.name())) {
                v.delete(r.name());
            }
        }
        return credentials.size();
    }

    public AccessLog accessLog() {
        return accessLog;
    }

    public Notices notices() {
        return notices;
    }

    /** The vault of a running tenant. */
    public TenantVault vault(String tenant) {
        TenantRuntime rt = registry.tenant(tenant);
        if (rt == null) {
            throw new Unavailable("tenant " + tenant + " does not run");
        }
        return vault(rt);
    }

    private TenantVault vault(TenantRuntime rt) {
        OpenVault open = vaults.compute(rt.name(), (t, v) -> v != null && v.store() == rt.store() ? v
                : new OpenVault(rt.store(), openVault(t, rt.store())));
        return open.vault();
    }

    private TenantVault openVault(String tenant, TenantStore store) {
        try {
            return new TenantVault(tenant, store, clock);
        } catch (GeneralSecurityException e) {
            throw new Unavailable("the credentials of tenant " + tenant + " cannot be read: " + e.getMessage());
        }
    }

    /** The vault's values of a credential, or null when the tenant has no such entry or does not run. */
    public Map<String, String> credential(String tenant, String name) {
        if (registry.tenant(tenant) == null) {
            return null;
        }
        try {
            return vault(tenant).values(name);
        } catch (RuntimeException e) {
            LOG.error("tenant {}: credential {} cannot be read: {}", tenant, name, e.getMessage());
            return null;
        }
    }

    /** The access log's keys of a running tenant, or null when it does not run. */
    public LogKeys logKeys(String tenant) {
        TenantRuntime rt = registry.tenant(tenant);
        if (rt == null) {
            return null;
        }
        TenantKeys keys = rt.store().keys();
        return logKeys.compute(tenant, (t, k) -> k != null && k.of(keys) ? k : new TenantLogKeys(keys));
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

    /**
     * Rotates a tenant's data key now: every record re-encrypted, the earlier keys destroyed unless access-log lines
     * still need them; logs it and sends a notice.
     */
    public TenantKeys.Rotation rotate(String tenant, String reason) throws GeneralSecurityException {
        TenantRuntime rt = registry.tenant(tenant);
        if (rt == null) {
            throw new Unavailable("tenant " + tenant + " does not run");
        }
        TenantKeys keys = rt.store().keys();
        DataKeyRecord before = keys.current();
        TenantKeys.Rotation r = keys.rotate();
        int destroyed = destroyRetired(tenant, keys);
        int kept = keys.retiredKeys();
        String detail = "data key " + before.id() + " replaced by " + r.key().id() + " (" + reason + "); " + r.reencrypted()
                + " records re-encrypted; " + destroyed + " earlier keys destroyed"
                + (kept == 0 ? "" : ", " + kept + " kept for access-log lines until retention removes them");
        if (accessLog != null) {
            accessLog.engineAction(tenant, "rotate-data-key", detail);
        }
        notices.send(tenant, "Data key rotated", detail, "info", "KeyRotated");
        return r;
    }

    /** Destroys the tenant's retired data keys that no kept access-log line was sealed with. */
    private int destroyRetired(String tenant, TenantKeys keys) {
        return keys.destroyRetired(accessLog == null ? Set.of() : accessLog.keysInUse(tenant));
    }

    /** A tenant starts: the changes its engine makes by itself go to its access log. */
    @Override
    public Part start(TenantRuntime tenant) {
        if (accessLog != null) {
            String name = tenant.name();
            tenant.onEngineAction((action, detail) -> accessLog.engineAction(name, action, detail));
        }
        try {
            vault(tenant);
        } catch (Unavailable e) {
            LOG.error("tenant {}: {}", tenant.name(), e.getMessage());
        }
        return why -> { };
    }

    private void maintainKeys() {
        for (TenantRuntime rt : registry.tenants().values()) {
            try {
                TenantKeys keys = rt.store().keys();
                DataKeyRecord key = keys.current();
                if (clock.millis() - key.createdAt() >= rotationPeriod(rt.config()).toMillis()) {
                    rotate(rt.name(), "scheduled, spec.security.dataKeyRotation");
                    continue;
                }
                if (keys.rewrap() && accessLog != null) {
                    accessLog.engineAction(rt.name(), "rewrap-data-key", "data keys wrapped with key-encryption key "
                            + keys.current().kekId());
                }
                int destroyed = destroyRetired(rt.name(), keys);
                if (destroyed > 0 && accessLog != null) {
                    accessLog.engineAction(rt.name(), "destroy-data-key", destroyed + " retired data keys destroyed: "
                            + "no kept access-log line was sealed with them any more");
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
     * Purges a tenant from this process: out of service (its keys wiped from memory as its store closes), store
     * directory (every record, the wrapped data keys, the access log) deleted, its local KEK destroyed, then checked.
     * Idempotent.
     */
    public ObjectNode purge(String tenant) throws IOException {
        if (!tenant.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")) {
            throw new IllegalArgumentException("tenant must be a DNS label");
        }
        vaults.remove(tenant);
        logKeys.remove(tenant);
        registry.retire(tenant);
        long bytes = accessLog == null ? 0 : accessLog.delete(tenant);
        Path dir = dataDir.resolve(tenant);
        bytes += Trees.delete(dir);
        boolean storeDeleted = !Files.exists(dir);
        boolean logsDeleted = !Files.exists(AccessLog.file(dataDir, tenant));
        boolean kekDestroyed = keks.destroy(tenant);
        boolean keysDestroyed = storeDeleted && kekDestroyed && registry.tenant(tenant) == null;
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

    /**
     * The evidence of a running tenant (GET /internal/v1/security), or null when it does not run.
     *
     * @param checkpoint the access log's head as the operator recorded it (Tenant status), or null: the log must
     *                   still hold it
     */
    public ObjectNode evidence(String tenant, Head checkpoint) {
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
        e.set("accessLog", accessLogEvidence(tenant, checkpoint));
        e.set("tokens", tokens(rt.config(), now));
        ObjectNode vault = e.putObject("vault");
        vault.put("entries", vault(tenant).list().size());
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
        TenantKeys keys = rt.store().keys();
        DataKeyRecord key = keys.current();
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
        d.put("kekProvider", keys.kekProvider());
        d.put("retiredKeys", keys.retiredKeys());
        return d;
    }

    private ObjectNode accessLogEvidence(String tenant, Head checkpoint) {
        if (accessLog == null) {
            return null;
        }
        ObjectNode a = JSON.createObjectNode();
        ChainVerifier.Result v = accessLog.verify(tenant, checkpoint);
        try {
            AccessLog.Stats s = accessLog.stats(tenant);
            a.put("entries", s.entries());
            a.put("headSeq", s.head().seq());
            a.put("headHash", s.head().hash());
            a.put("oldestEntry", s.oldest() == null ? null : s.oldest().toString());
            a.put("anchorSeq", s.anchor().seq());
            a.put("anchor", s.anchor().hash());
        } catch (RuntimeException e) {
            a.put("entries", v.entries());
            a.put("headSeq", v.head().seq());
            a.put("headHash", v.head().hash());
            a.putNull("oldestEntry");
            a.put("anchorSeq", v.anchor().seq());
            a.put("anchor", v.anchor().hash());
        }
        String declared = registry.tenant(tenant) == null ? null
                : registry.tenant(tenant).config().compiled.tenantSpec.retention.logs;
        a.put("retention", declared == null ? Durations.format(logRetention(tenant)) : declared);
        a.put("keyed", true);
        a.put("chainVerified", v.ok());
        a.put("problem", v.ok() ? null : (v.brokenLine() > 0 ? "line " + v.brokenLine() + ": " : "") + v.problem());
        if (checkpoint == null) {
            a.putNull("checkpoint");
        } else {
            ObjectNode c = a.putObject("checkpoint");
            c.put("seq", checkpoint.seq());
            c.put("hash", checkpoint.hash());
            switch (v.checkpoint()) {
                case VERIFIED -> c.put("verified", true);
                case PRUNED -> c.putNull("verified");
                default -> c.put("verified", false);
            }
        }
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
        vaults.clear();
        logKeys.clear();
        if (accessLog != null) {
            accessLog.close();
        }
    }
}
