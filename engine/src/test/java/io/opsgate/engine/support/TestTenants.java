package io.opsgate.engine.support;

import java.nio.file.Path;

/**
 * A configuration directory with three tenants, and their tokens written where standalone mode reads
 * them, so tests know every token: acme (the main one, small limits), globex (another customer), throttled
 * (1 alert per second), and walled (allows only 10.0.0.0/8, so requests from 127.0.0.1 are refused).
 */
public final class TestTenants {
    public final Path configDir;
    public final Path secretsDir;
    private final ConfigDir dir;

    public TestTenants(Path root) {
        dir = new ConfigDir(root).yaml("acme.yaml", ACME).yaml("others.yaml", OTHERS)
                .token("acme", "ingest", "acme-ingest-token-0000000000000000000000")
                .token("acme", "reader", "acme-reader-token-0000000000000000000000")
                .token("acme", "admin", "acme-admin-token-00000000000000000000000")
                .token("globex", "ingest", "globex-ingest-token-000000000000000000000")
                .token("globex", "admin", "globex-admin-token-0000000000000000000000")
                .token("throttled", "ingest", "throttled-ingest-token-00000000000000000")
                .token("walled", "ingest", "walled-ingest-token-000000000000000000000");
        configDir = dir.configDir;
        secretsDir = dir.secretsDir;
    }

    public String token(String tenantSlashName) {
        return dir.token(tenantSlashName);
    }

    /** The configuration these tenants are written in. */
    public ConfigDir dir() {
        return dir;
    }

    static final String ACME = """
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: acme}
            spec:
              egress: [{cidr: 127.0.0.1/32}]
              apiTokens:
                - {name: ingest, scopes: [Ingest]}
                - {name: reader, scopes: [Read]}
                - {name: admin, scopes: [Ingest, Read, Admin]}
              limits: {maxBodyBytes: 4096, maxAlertsPerRequest: 20, maxLabelsPerAlert: 8, maxLabelLength: 64}
              ingest:
                rateLimit: {perSecond: 100000, burst: 1000000}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: NotificationChannel
            metadata: {name: ops, namespace: opsgate-acme}
            spec:
              type: Webhook
              webhook: {url: "http://127.0.0.1:9/hook"}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: AlertRule
            metadata: {name: drop-info, namespace: opsgate-acme}
            spec:
              order: 10
              matchers: ['severity="info"']
              actions: {drop: true}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: AlertRule
            metadata: {name: page, namespace: opsgate-acme}
            spec:
              order: 100
              matchers: ['severity=~"critical|warning"']
              actions:
                ticket: {priority: P1, resolveWhenCleared: true}
                notify: {channels: [ops], groupBy: [alertname, instance]}
            """;

    static final String OTHERS = """
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: globex}
            spec:
              egress: [{cidr: 127.0.0.1/32}]
              apiTokens:
                - {name: ingest, scopes: [Ingest]}
                - {name: admin, scopes: [Ingest, Read, Admin]}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: throttled}
            spec:
              egress: [{cidr: 127.0.0.1/32}]
              apiTokens:
                - {name: ingest, scopes: [Ingest]}
              ingest:
                rateLimit: {perSecond: 1, burst: 3}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: walled}
            spec:
              egress: [{cidr: 127.0.0.1/32}]
              apiTokens:
                - {name: ingest, scopes: [Ingest, Read]}
              ingest:
                allowedCidrs: [10.0.0.0/8]
            """;
}
