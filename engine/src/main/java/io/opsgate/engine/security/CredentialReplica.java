package io.opsgate.engine.security;

import io.opsgate.engine.handoff.NotifyLink;
import io.opsgate.engine.security.vault.VaultRecord;
import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.tenant.TenantRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ingest's side of the one credential vault (issue 13): the tenant API, and so {@code PUT /api/v1/credentials}, is
 * ingest's, while notify delivers, in its own workload with its own store. Ingest's vault is the one that counts;
 * notify keeps a copy, which this hands over whole through the {@link NotifyLink} (the direction the NetworkPolicies
 * allow) after every change and on every check of {@link #reconcile} whose copy notify may lack: after a start, a
 * failed hand-over, or a change made while notify was away.
 */
final class CredentialReplica {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialReplica.class);

    private final NotifyLink link;
    private final TenantRegistry registry;
    /** What notify acknowledged last, per tenant: the names and update times of the credentials. */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

    CredentialReplica(NotifyLink link, TenantRegistry registry) {
        this.link = link;
        this.registry = registry;
    }

    /** Hands the tenant's credentials to notify now; true once notify stored them. */
    CompletableFuture<Boolean> push(String tenant, SecurityService security) {
        String version = version(tenant, security);
        Map<String, Map<String, String>> all = new TreeMap<>();
        try {
            for (VaultRecord r : version == null ? java.util.List.<VaultRecord>of() : security.vault(tenant).list()) {
                all.put(r.name(), security.vault(tenant).values(r.name()));
            }
        } catch (SecurityService.Unavailable e) {
            return CompletableFuture.completedFuture(false);
        }
        if (version == null) {
            return CompletableFuture.completedFuture(false);
        }
        return link.credentials(tenant, all).handle((v, failure) -> {
            if (failure != null) {
                acknowledged.remove(tenant);
                LOG.warn("tenant {}: notify did not take the credentials ({}); handed over again later", tenant,
                        failure.getMessage());
                return false;
            }
            acknowledged.put(tenant, version);
            return true;
        });
    }

    /** Hands over the credentials of every tenant whose copy notify may not have. */
    void reconcile(SecurityService security) {
        for (TenantRuntime rt : registry.tenants().values()) {
            String version = version(rt.name(), security);
            if (version != null && !version.equals(acknowledged.get(rt.name()))) {
                push(rt.name(), security);
            }
        }
    }

    /** The names and update times of the tenant's credentials, or null when it has no usable vault. */
    private static String version(String tenant, SecurityService security) {
        try {
            StringBuilder digest = new StringBuilder();
            for (VaultRecord r : security.vault(tenant).list()) {
                digest.append(r.name()).append('@').append(r.updatedAt()).append(';');
            }
            return digest.toString();
        } catch (SecurityService.Unavailable e) {
            return null;
        }
    }
}
