package io.opsgate.engine.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A configuration directory with three tenants, and their tokens written where standalone mode reads
 * them, so tests know every token: acme (the main one, small limits), globex (another customer), throttled
 * (1 alert per second), and walled (allows only 10.0.0.0/8, so requests from 127.0.0.1 are refused).
 */
public final class TestTenants {
    public final Path configDir;
    public final Path secretsDir;
    public final Map<String, String> tokens = new LinkedHashMap<>();

    public TestTenants(Path root) {
        this.configDir = root.resolve("config");
        this.secretsDir = root.resolve("secrets");
        try {
            Files.createDirectories(configDir);
            Files.writeString(configDir.resolve("acme.yaml"), ACME);
            Files.writeString(configDir.resolve("others.yaml"), OTHERS);
            token("opsgate-acme", "ingest", "acme-ingest-token-0000000000000000000000");
            token("opsgate-acme", "reader", "acme-reader-token-0000000000000000000000");
            token("opsgate-acme", "admin", "acme-admin-token-00000000000000000000000");
            token("opsgate-globex", "ingest", "globex-ingest-token-000000000000000000000");
            token("opsgate-globex", "admin", "globex-admin-token-0000000000000000000000");
            token("opsgate-throttled", "ingest", "throttled-ingest-token-00000000000000000");
            token("opsgate-walled", "ingest", "walled-ingest-token-000000000000000000000");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void token(String namespace, String name, String value) throws IOException {
        Path file = secretsDir.resolve(namespace).resolve("opsgate-token-" + name).resolve("token");
        Files.createDirectories(file.getParent());
        Files.writeString(file, value + "\n");
        tokens.put(namespace.substring("opsgate-".length()) + "/" + name, value);
    }

    public String token(String tenantSlashName) {
        return tokens.get(tenantSlashName);
    }

    static final String ACME = """
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: acme}
            spec:
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
              apiTokens:
                - {name: ingest, scopes: [Ingest]}
                - {name: admin, scopes: [Ingest, Read, Admin]}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: throttled}
            spec:
              apiTokens:
                - {name: ingest, scopes: [Ingest]}
              ingest:
                rateLimit: {perSecond: 1, burst: 3}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: walled}
            spec:
              apiTokens:
                - {name: ingest, scopes: [Ingest, Read]}
              ingest:
                allowedCidrs: [10.0.0.0/8]
            """;
}
