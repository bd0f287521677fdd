package io.opsgate.engine.mail;

import io.opsgate.engine.support.ConfigDir;

import java.nio.file.Path;

/**
 * A standalone configuration directory with two tenants that take mail: acme (a monitoring mailbox with
 * patterns, a mailbox behind SMTP AUTH, a small mailbox) and globex (one mailbox, any sender). Tokens and the SMTP credentials are written where standalone reads them.
 */
final class MailTenants {
    static final String ACME_TOKEN = "acme-admin-token-mail-000000000000000000";
    static final String GLOBEX_TOKEN = "globex-admin-token-mail-00000000000000000";
    static final String SMTP_USER = "batch-sender";
    static final String SMTP_PASSWORD = "s3cret-パスワード";

    final Path configDir;
    final Path secretsDir;

    MailTenants(Path root) {
        this(root, "");
    }

    /** With {@code extraAcmeYaml} appended to acme's objects (e.g. text rules). */
    MailTenants(Path root, String extraAcmeYaml) {
        ConfigDir dir = new ConfigDir(root).yaml("acme.yaml", ACME + extraAcmeYaml).yaml("globex.yaml", GLOBEX)
                .token("acme", "admin", ACME_TOKEN).token("globex", "admin", GLOBEX_TOKEN)
                .secret("opsgate-acme", "smtp-intake", "username", SMTP_USER)
                .secret("opsgate-acme", "smtp-intake", "password", SMTP_PASSWORD);
        configDir = dir.configDir;
        secretsDir = dir.secretsDir;
    }

    static final String ACME = """
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: acme}
            spec:
              egress: [{cidr: 127.0.0.1/32}]
              apiTokens:
                - {name: admin, scopes: [Ingest, Read, Admin]}
              ingest:
                rateLimit: {perSecond: 100000, burst: 1000000}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: AlertSource
            metadata: {name: monitoring-mail, namespace: opsgate-acme}
            spec:
              type: Mail
              mail:
                recipients: [alerts@acme.example, Ops@Acme.Example]
                allowedSenders: ["*@monitor.acme.example", jp1@acme.example]
                patterns:
                  - field: subject
                    regex: '\\[(?P<severity>[A-Z]+|障害|警告)\\]\\s*(?P<host>[A-Za-z0-9_.-]+)'
                  - field: body
                    regex: '^ジョブ名[:：]\\s*(?P<job>\\S+)'
                  - field: from
                    regex: '@(?P<sender_domain>[A-Za-z0-9.-]+)'
                resolveWhen: {field: subject, regex: '復旧|RECOVERED'}
              alertname: "MailAlert{{job}}"
              labels: {team: ops}
              severity:
                fromLabel: severity
                map: {ERROR: critical, WARN: warning, 障害: critical, 警告: warning}
                defaultSeverity: info
              dedupKey: "{{host}}/{{job}}"
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: AlertSource
            metadata: {name: secure-mail, namespace: opsgate-acme}
            spec:
              type: Mail
              mail:
                recipients: [secure@acme.example]
                authSecretRef: {name: smtp-intake}
              alertname: SecureMail
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: AlertSource
            metadata: {name: small-mail, namespace: opsgate-acme}
            spec:
              type: Mail
              mail:
                recipients: [small@acme.example]
                maxMessageBytes: 2048
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: NotificationChannel
            metadata: {name: ops, namespace: opsgate-acme}
            spec:
              type: Webhook
              webhook: {url: "http://127.0.0.1:9/hook"}
            """;

    static final String GLOBEX = """
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: globex}
            spec:
              egress: [{cidr: 127.0.0.1/32}]
              apiTokens:
                - {name: admin, scopes: [Ingest, Read, Admin]}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: AlertSource
            metadata: {name: globex-mail, namespace: opsgate-globex}
            spec:
              type: Mail
              mail:
                recipients: [alerts@globex.example]
                patterns:
                  - field: subject
                    regex: 'host=(?P<instance>\\S+)'
              alertname: GlobexMail
            """;
}
