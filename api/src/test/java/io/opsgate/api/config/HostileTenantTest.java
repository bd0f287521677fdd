package io.opsgate.api.config;

import io.opsgate.api.defaults.Defaults;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.validation.FieldError;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A tenant's owner writing objects in their own namespace, as an attacker would (issue 13): what the shared
 * compiler, and so the operator, the webhook and standalone, must refuse, naming the field.
 */
class HostileTenantTest {

    /** Nested counted repetitions: small to write, a program of 10^9 instructions to compile. */
    static final String BLOW_UP = "((a{1000}){1000}){1000}";

    @Test
    void aRegexThatWouldCompileToABillionInstructionsIsRefusedInEveryFieldWellUnderASecond() {
        String yaml = TENANT + """
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: by-matcher, namespace: opsgate-acme}
                spec:
                  matchers: ['alertname=~"%1$s"']
                  actions: {drop: true}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: by-text, namespace: opsgate-acme}
                spec:
                  text: 'description:/%1$s/'
                  actions: {drop: true}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: by-inhibit, namespace: opsgate-acme}
                spec:
                  matchers: ['severity="critical"']
                  inhibit: {targetMatchers: ['instance=~"%1$s"']}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertSource
                metadata: {name: by-pattern, namespace: opsgate-acme}
                spec:
                  type: Mail
                  mail:
                    recipients: [alerts@acme.example]
                    patterns: [{field: subject, regex: '(?P<host>%1$s)'}]
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: by-body, namespace: opsgate-acme}
                spec:
                  type: HTTP
                  http: {url: 'https://203.0.113.10/', bodyMatches: '%1$s'}
                """.formatted(BLOW_UP);
        Compilation c = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> compile(yaml));

        assertThat(reasons(c)).containsEntry("AlertRule/by-matcher", "spec.matchers[0] RegexTooComplex")
                .containsEntry("AlertRule/by-text", "spec.text RegexTooComplex")
                .containsEntry("AlertRule/by-inhibit", "spec.inhibit.targetMatchers[0] RegexTooComplex")
                .containsEntry("AlertSource/by-pattern", "spec.mail.patterns[0].regex RegexTooComplex")
                .containsEntry("Monitor/by-body", "spec.http.bodyMatches RegexTooComplex");
        assertThat(c.config().alertRules).isEmpty();
        assertThat(c.config().alertSources).isEmpty();
        assertThat(c.config().monitors).isEmpty();
    }

    @Test
    void monitorsAndChannelsAimedOutsideTheGrantedEgressAreLeftOutNamingTheField() {
        // The platform team granted the public internet; none of these lies in it.
        String yaml = TENANT + """
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: metadata-service, namespace: opsgate-acme}
                spec:
                  type: HTTP
                  http: {url: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: metadata-v6, namespace: opsgate-acme}
                spec:
                  type: HTTP
                  http: {url: 'http://[fe80::a9fe:a9fe]/'}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: own-loopback, namespace: opsgate-acme}
                spec:
                  type: TCP
                  tcp: {host: 127.0.0.1, port: 9094}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: unspecified, namespace: opsgate-acme}
                spec:
                  type: TLS
                  tls: {host: 0.0.0.0, port: 443}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: api-server, namespace: opsgate-acme}
                spec:
                  type: TCP
                  tcp: {host: 10.96.0.1, port: 443}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: other-tenant-pod, namespace: opsgate-acme}
                spec:
                  type: PrometheusQuery
                  prometheusQuery: {url: 'http://10.244.3.7:9090', query: up, threshold: 0}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: cluster-dns, namespace: opsgate-acme}
                spec:
                  type: DNS
                  dns: {name: kubernetes.default.svc.cluster.local, server: '10.96.0.10'}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: shop, namespace: opsgate-acme}
                spec:
                  type: HTTP
                  http: {url: 'https://203.0.113.10/healthz'}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: loopback-hook, namespace: opsgate-acme}
                spec:
                  type: Webhook
                  webhook: {url: 'http://127.0.0.1:9093/api/v1/credentials'}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: metadata-mail, namespace: opsgate-acme}
                spec:
                  type: Email
                  email: {to: [a@acme.example], from: b@acme.example, host: 169.254.169.254, port: 80}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: provider-inside, namespace: opsgate-acme}
                spec:
                  type: CallOut
                  secretRef: {name: twilio}
                  callOut: {url: 'http://10.96.0.1:443', from: '+15005550006'}
                """;
        Compilation c = compile(yaml);

        assertThat(reasons(c))
                .containsEntry("Monitor/metadata-service", "spec.http.url EgressNotGranted")
                .containsEntry("Monitor/metadata-v6", "spec.http.url EgressNotGranted")
                .containsEntry("Monitor/own-loopback", "spec.tcp.host EgressNotGranted")
                .containsEntry("Monitor/unspecified", "spec.tls.host EgressNotGranted")
                .containsEntry("Monitor/api-server", "spec.tcp.host EgressNotGranted")
                .containsEntry("Monitor/other-tenant-pod", "spec.prometheusQuery.url EgressNotGranted")
                .containsEntry("Monitor/cluster-dns", "spec.dns.server EgressNotGranted")
                .containsEntry("NotificationChannel/loopback-hook", "spec.webhook.url EgressNotGranted")
                .containsEntry("NotificationChannel/metadata-mail", "spec.email.host EgressNotGranted")
                .containsEntry("NotificationChannel/provider-inside", "spec.callOut.url EgressNotGranted")
                .doesNotContainKey("Monitor/shop");
        assertThat(c.config().monitors).extracting(m -> m.name).containsExactly("shop");
        assertThat(c.config().notificationChannels).isEmpty();
    }

    @Test
    void aGuardedAddressIsReachableOnlyWhenTheTenantNamesItsRangeItself() {
        String yaml = """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  egress:
                    - cidr: 0.0.0.0/0
                    - cidr: 10.96.0.10/32
                      ports: [53]
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: cluster-dns, namespace: opsgate-acme}
                spec:
                  type: DNS
                  dns: {name: kubernetes.default.svc.cluster.local, server: '10.96.0.10'}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: api-server, namespace: opsgate-acme}
                spec:
                  type: TCP
                  tcp: {host: 10.96.0.1, port: 443}
                """;
        Compilation c = compile(yaml);

        assertThat(c.config().monitors).extracting(m -> m.name).containsExactly("cluster-dns");
        assertThat(reasons(c)).containsEntry("Monitor/api-server", "spec.tcp.host EgressNotGranted");
    }

    @Test
    void aMonitorMayOnlyReadAndMayNotSmuggleHopByHopHostOrMetadataHeaders() {
        String yaml = TENANT + """
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: host-header, namespace: opsgate-acme}
                spec:
                  type: HTTP
                  http: {url: 'https://203.0.113.10/', headers: {Host: metadata.google.internal}}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: metadata-flavor, namespace: opsgate-acme}
                spec:
                  type: HTTP
                  http: {url: 'https://203.0.113.10/', headers: {Metadata-Flavor: Google}}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: smuggled, namespace: opsgate-acme}
                spec:
                  type: HTTP
                  http: {url: 'https://203.0.113.10/', headers: {Transfer-Encoding: chunked}}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: injected, namespace: opsgate-acme}
                spec:
                  type: HTTP
                  http: {url: 'https://203.0.113.10/', headers: {X-Ok: "a\\r\\nHost: evil"}}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: writer, namespace: opsgate-acme}
                spec:
                  type: HTTP
                  http: {url: 'https://203.0.113.10/', method: PUT, body: 'x'}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: Monitor
                metadata: {name: reader, namespace: opsgate-acme}
                spec:
                  type: HTTP
                  http: {url: 'https://203.0.113.10/', method: HEAD, headers: {Authorization: 'Bearer own-token'}}
                """;
        Compilation c = compile(yaml);

        assertThat(reasons(c))
                .containsEntry("Monitor/host-header", "spec.http.headers.Host ForbiddenHeader")
                .containsEntry("Monitor/metadata-flavor", "spec.http.headers.Metadata-Flavor ForbiddenHeader")
                .containsEntry("Monitor/smuggled", "spec.http.headers.Transfer-Encoding ForbiddenHeader")
                .containsEntry("Monitor/injected", "spec.http.headers.X-Ok ForbiddenHeader")
                .containsEntry("Monitor/writer", "spec.http.method InvalidValue");
        assertThat(c.config().monitors).extracting(m -> m.name).containsExactly("reader");
    }

    @Test
    void aTokenSecretNameMustBeAnObjectNameSoStandaloneCannotBeLedOutOfItsSecretsDirectory() {
        String yaml = """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  apiTokens:
                    - {name: ci, secretName: ../../../etc/cron.d}
                """;
        ManifestSet set = new ManifestSet();
        ManifestReader.read("hostile.yaml", yaml, set);
        Tenant t = set.tenants.get(0);
        List<FieldError> errors = io.opsgate.api.validation.ResourceValidator
                .tenant("acme", Defaults.tenant(t.getSpec())).errors();

        assertThat(errors).extracting(FieldError::path, FieldError::reason)
                .contains(org.assertj.core.groups.Tuple.tuple("spec.apiTokens[0].secretName", "InvalidValue"));
    }

    static final String TENANT = """
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: acme}
            spec:
              egress:
                - cidr: 0.0.0.0/0
                - cidr: ::/0
            """;

    static Compilation compile(String yaml) {
        ManifestSet set = new ManifestSet();
        ManifestReader.read("hostile.yaml", yaml, set);
        assertThat(set.errors).isEmpty();
        Tenant tenant = set.tenants.get(0);
        Defaults.tenant(tenant.getSpec());
        set.alertRules.forEach(r -> Defaults.alertRule(r.getSpec()));
        set.monitors.forEach(m -> Defaults.monitor(m.getSpec()));
        set.notificationChannels.forEach(n -> Defaults.notificationChannel(n.getSpec()));
        set.alertSources.forEach(s -> Defaults.alertSource(s.getSpec()));
        return ConfigCompiler.compile(set.forTenant(tenant, List.of()));
    }

    /** "Kind/name" of each excluded object → "path reason" of its first problem. */
    static Map<String, String> reasons(Compilation c) {
        return c.results().entrySet().stream().filter(e -> !e.getValue().isValid())
                .collect(Collectors.toMap(e -> e.getKey().kind() + "/" + e.getKey().name(),
                        e -> e.getValue().errors().get(0).path() + " " + e.getValue().errors().get(0).reason()));
    }
}
