package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.tenant.model.Workload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;

/**
 * Sends security notices (ISO/IEC 27017 16.1.2) to the tenant's ingest, {@code POST /internal/v1/notices};
 * the engine delivers them to {@code spec.security.noticeChannel}. Asynchronous and best effort: a
 * notice must never hold up a reconcile; the action it reports is in the audit log whatever happens.
 */
public final class SecurityNotices {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityNotices.class);

    private final EngineAccess engines;
    private final Executor executor;

    public SecurityNotices(EngineAccess engines, Executor executor) {
        this.engines = engines;
        this.executor = executor;
    }

    /**
     * @param kind     TokenRotated, KeyRotated, CertificateRenewed, Purge, ConfigRefused, ...
     * @param severity info, warning or critical
     */
    public void send(Tenant tenant, String kind, String severity, String title, String body) {
        String name = tenant.getMetadata().getName();
        String ns = tenant.namespaceName();
        ObjectNode payload = EngineClient.JSON.createObjectNode()
                .put("tenant", name).put("title", title).put("body", body).put("severity", severity).put("kind", kind);
        executor.execute(() -> {
            try {
                EngineClient.Answer a = engines.client(tenant).post(engines.endpoints().of(ns, Workload.INGEST),
                        EngineClient.NOTICES_PATH, payload);
                if (!a.ok()) {
                    LOG.warn("tenant {}: notice {} refused by ingest: {} {}", name, kind, a.status(), a.body());
                }
            } catch (Exception e) {
                LOG.warn("tenant {}: notice {} not delivered to ingest: {}", name, kind, e.toString());
            }
        });
    }
}
