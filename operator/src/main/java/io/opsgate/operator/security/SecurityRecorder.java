package io.opsgate.operator.security;

import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.common.EventRecorder;

/**
 * Records one security-relevant action three ways: an audit log line, a Kubernetes Event on the
 * Tenant and, when it concerns the tenant's people, a security notice to its notice channel
 * (ISO/IEC 27017 12.4.1, 12.1.2, 16.1.2).
 */
public final class SecurityRecorder {

    private final AuditLog audit;
    private final EventRecorder events;
    private final SecurityNotices notices;

    public SecurityRecorder(AuditLog audit, EventRecorder events, SecurityNotices notices) {
        this.audit = audit;
        this.events = events;
        this.notices = notices;
    }

    /**
     * @param object      kind/namespace/name
     * @param action      the audit action (created, rotated, purged, ...)
     * @param eventReason the Event's reason (CamelCase)
     * @param notice      the notice kind, or null when the tenant is not notified
     */
    public void record(Tenant tenant, String object, String action, String eventReason, String change, String reason,
                       String notice, String severity) {
        audit.record(tenant.getMetadata().getName(), object, action, change, reason);
        events.record(tenant, "warning".equals(severity) || "critical".equals(severity) ? EventRecorder.WARNING
                : EventRecorder.NORMAL, eventReason, "Security", change + " (" + reason + ")");
        if (notice != null) {
            notices.send(tenant, notice, severity, eventReason + ": " + object, change + " (" + reason + ")");
        }
    }

    /** An audit line only: the reconcile's own Events already describe the change. */
    public void auditOnly(Tenant tenant, String object, String action, String change, String reason) {
        audit.record(tenant.getMetadata().getName(), object, action, change, reason);
    }

    /** A security notice without an audit line: the change it reports is audited where it is made. */
    public void notice(Tenant tenant, String kind, String severity, String title, String body) {
        notices.send(tenant, kind, severity, title, body);
    }

    public AuditLog audit() {
        return audit;
    }
}
