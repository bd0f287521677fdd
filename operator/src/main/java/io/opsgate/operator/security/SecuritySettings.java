package io.opsgate.operator.security;

import java.nio.file.Path;
import java.util.Map;

/**
 * The security features' configuration.
 *
 * @param auditLog          OPSGATE_AUDIT_LOG: the audit log file (default /var/log/opsgate/audit.jsonl)
 * @param endpoints         where the tenants' workloads are reached (their Services in the cluster)
 * @param operatorNamespace POD_NAMESPACE: the operator's namespace, which the workloads admit
 */
public record SecuritySettings(Path auditLog, EngineEndpoints endpoints, String operatorNamespace) {

    public static final String AUDIT_LOG = "OPSGATE_AUDIT_LOG";
    public static final String DEFAULT_AUDIT_LOG = "/var/log/opsgate/audit.jsonl";

    public static SecuritySettings fromEnv(Map<String, String> env) {
        String log = env.getOrDefault(AUDIT_LOG, "");
        String ns = env.getOrDefault("POD_NAMESPACE", "");
        return new SecuritySettings(Path.of(log.isBlank() ? DEFAULT_AUDIT_LOG : log.trim()), EngineEndpoints.inCluster(),
                ns.trim());
    }
}
