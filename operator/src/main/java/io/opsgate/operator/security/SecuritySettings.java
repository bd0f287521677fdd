package io.opsgate.operator.security;

import io.opsgate.api.audit.ChainKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The security features' configuration.
 *
 * @param auditLog          OPSGATE_AUDIT_LOG: the audit log file (default /var/log/opsgate/audit.jsonl)
 * @param auditKey          OPSGATE_AUDIT_KEY_FILE: the audit chain's key (default /etc/opsgate/audit-key/key when it
 *                          exists), or null for an unkeyed chain
 * @param endpoints         where the tenants' workloads are reached (their Services in the cluster)
 * @param operatorNamespace POD_NAMESPACE: the operator's namespace, which the workloads admit
 * @param reportInterval    how often at most each tenant's workloads are asked for their security evidence (30 s)
 */
public record SecuritySettings(Path auditLog, Path auditKey, EngineEndpoints endpoints, String operatorNamespace,
                               Duration reportInterval) {

    public static final String AUDIT_LOG = "OPSGATE_AUDIT_LOG";
    public static final String DEFAULT_AUDIT_LOG = "/var/log/opsgate/audit.jsonl";
    public static final String AUDIT_KEY_FILE = "OPSGATE_AUDIT_KEY_FILE";
    public static final String DEFAULT_AUDIT_KEY_FILE = "/etc/opsgate/audit-key/key";

    public static SecuritySettings fromEnv(Map<String, String> env) {
        String log = env.getOrDefault(AUDIT_LOG, "");
        String key = env.getOrDefault(AUDIT_KEY_FILE, "");
        String ns = env.getOrDefault("POD_NAMESPACE", "");
        Path keyFile = key.isBlank() ? (Files.exists(Path.of(DEFAULT_AUDIT_KEY_FILE)) ? Path.of(DEFAULT_AUDIT_KEY_FILE) : null)
                : Path.of(key.trim());
        return new SecuritySettings(Path.of(log.isBlank() ? DEFAULT_AUDIT_LOG : log.trim()), keyFile,
                EngineEndpoints.inCluster(), ns.trim(), SecurityReports.MIN_INTERVAL);
    }

    /** The audit chain's key: read from {@link #auditKey}, or {@link ChainKey#NONE} when there is none. */
    public ChainKey chainKey() {
        if (auditKey == null) {
            return ChainKey.NONE;
        }
        try {
            return ChainKey.read(auditKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log's key " + auditKey + " (" + AUDIT_KEY_FILE + ")", e);
        }
    }
}
