package io.opsgate.operator.security;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.opsgate.api.audit.VerifyLogCommand;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.api.v1alpha1.ControlStatus;
import io.opsgate.api.v1alpha1.SecuritySpec;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.common.Labels;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import io.opsgate.operator.tenant.TenantReconciler;
import io.opsgate.operator.tenant.model.Workload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's ISO/IEC 27017 features against the mock API server, with the tenant's workloads
 * played by {@link FakeEngine}s (HTTPS on 127.0.0.1 with a certificate of the tenant's CA).
 */
class TenantSecurityIT {

    static final String NS = "opsgate-acme";
    static final String OPERATOR_NS = "opsgate-system";

    @RegisterExtension
    final MockCluster cluster = MockCluster.withCrdsOnly().withDeploymentController();
    FakeEngine ingest;
    FakeEngine notify;
    @TempDir
    Path dir;
    Path auditLog;
    Path auditKey;

    @BeforeEach
    void start() throws Exception {
        auditLog = dir.resolve("audit.jsonl");
        auditKey = Files.writeString(dir.resolve("audit-key"), Base64.getEncoder().encodeToString(new byte[32]));
        TenantCertificates.Authority ca = TenantCertificates.authority("acme", Instant.now());
        TenantCertificates.ServerCertificate cert = TenantCertificates.server(ca, List.of("localhost"), List.of("127.0.0.1"),
                Instant.now());
        ingest = new FakeEngine(Workload.INGEST, cert, this::internalToken, this::observe);
        notify = new FakeEngine(Workload.NOTIFY, cert, this::internalToken, this::observe);
        // the tenant brings its own TLS Secret (spec.security.tlsSecretName), in its namespace made beforehand
        cluster.client().resource(new NamespaceBuilder().withNewMetadata().withName(NS).withLabels(Labels.of("acme", "namespace"))
                .endMetadata().build()).create();
        cluster.client().resource(new SecretBuilder().withNewMetadata().withName("acme-tls").withNamespace(NS).endMetadata()
                .withType("kubernetes.io/tls")
                .addToData("tls.crt", b64(cert.certificatePem())).addToData("tls.key", b64(cert.keyPem()))
                .addToData("ca.crt", b64(ca.certificatePem())).build()).create();
        EngineEndpoints endpoints = (ns, w) -> NS.equals(ns) ? (w == Workload.INGEST ? ingest.uri() : notify.uri())
                : URI.create("https://127.0.0.1:1");
        cluster.startOperator(new SecuritySettings(auditLog, auditKey, endpoints, OPERATOR_NS, Duration.ofMillis(200)));
    }

    @AfterEach
    void stop() {
        ingest.close();
        notify.close();
    }

    @Test
    void deletingATenantWithDataPurgesBothWorkloadsThenAuditsAndRecordsTheEventAndOnlyThenReleasesIt() throws Exception {
        cluster.create(acme());
        awaitReady();
        List<String> atRelease = new ArrayList<>();
        AtomicReference<Watch> watch = new AtomicReference<>(cluster.client().resources(Tenant.class).withName("acme").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Tenant t) {
                if (action == Action.DELETED) {
                    atRelease.add("audit purged=" + auditLines().stream().anyMatch(l -> l.contains("\"action\":\"purged\"")));
                    atRelease.add("event Purged=" + events("Purged").size());
                    atRelease.add("namespace=" + (cluster.client().namespaces().withName(NS).get() != null));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        }));

        cluster.client().resource(tenant()).delete();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(tenant()).isNull());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(atRelease).hasSize(3));
        watch.get().close();

        // both workloads were asked, with the internal token, while the namespace stood and the finalizer held
        for (FakeEngine engine : List.of(ingest, notify)) {
            assertThat(engine.calls(EngineClient.PURGE_PATH)).singleElement().satisfies(c -> {
                assertThat(c.authorized()).isTrue();
                assertThat(c.body().path("tenant").asText()).isEqualTo("acme");
                assertThat(c.observed()).isEqualTo("namespace standing, tenant deleting with finalizer");
            });
        }
        // audit entry and Event before the finalizer went, and the namespace before that too
        assertThat(atRelease).containsExactly("audit purged=true", "event Purged=1", "namespace=false");
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).contains("\"tenant\":\"acme\"", "\"object\":\"Tenant/acme\"",
                "\"action\":\"purged\"", "ingest: store, data key and logs removed (4096 bytes)", "notify: store"));
        assertThat(events("Purged")).singleElement().satisfies(e -> assertThat(e.getNote())
                .contains("ingest: store, data key and logs removed", "notify: store, data key and logs removed"));
        // the tenant's notice channel heard of it first
        assertThat(ingest.calls(EngineClient.NOTICES_PATH)).anySatisfy(c -> assertThat(c.body().path("kind").asText()).isEqualTo("Purge"));
        assertThat(verify(auditLog)).isZero();
    }

    @Test
    void theStatusListsTheControlsWithEvidenceFromTheClusterAndTheWorkloads() {
        cluster.create(acme());
        awaitReady();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ControlStatus> controls = tenant().getStatus().controls;
            assertThat(control(controls, "13.1.3").state).isEqualTo(ControlStatus.ControlState.Satisfied);
            assertThat(control(controls, "13.1.3").evidence).contains("NetworkPolicy opsgate-default-deny present in " + NS);
            assertThat(control(controls, "10.1.1").evidence).anySatisfy(e -> assertThat(e)
                    .startsWith("TLS on ingest and notify, certificate valid until").contains("Secret acme-tls, provided by the tenant"));
            assertThat(control(controls, "10.1.2").evidence).contains("data key rotated 2026-11-20");
            assertThat(control(controls, "12.4.1").evidence).contains(AccessLogCheck.VERIFIED);
            assertThat(control(controls, "16.1.2").evidence).contains("security notices to NotificationChannel sec-mail");
            assertThat(control(controls, "9.2.4").evidence).contains("2 API tokens, none expired");
            assertThat(control(controls, "18.2.1").state).isEqualTo(ControlStatus.ControlState.NotApplicable);
        });
        assertThat(tenant().getStatus().ingestEndpoint).isEqualTo("https://opsgate-ingest." + NS + ".svc:9093");
        // the workloads mount the tenant's own TLS Secret, and the operator may reach their internal API
        Deployment d = cluster.client().apps().deployments().inNamespace(NS).withName("opsgate-ingest").get();
        assertThat(d.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("tls");
            assertThat(v.getSecret().getSecretName()).isEqualTo("acme-tls");
        });
        assertThat(cluster.client().secrets().inNamespace(NS).withName("opsgate-tls").get()).isNull();
        NetworkPolicy access = cluster.client().network().v1().networkPolicies().inNamespace(NS).withName("opsgate-operator-ingest").get();
        assertThat(access.getSpec().getIngress()).singleElement().satisfies(r -> {
            assertThat(r.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(9093));
            assertThat(r.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "operator");
                assertThat(peer.getNamespaceSelector().getMatchExpressions().get(0).getValues()).containsExactly(OPERATOR_NS);
            });
        });
    }

    @Test
    void theAccessLogsHeadIsKeptInTheStatusSentBackToIngestAndACutOffTailShowsWithItsReason() {
        cluster.create(acme());
        awaitReady();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(tenant().getStatus().accessLog).isNotNull();
            assertThat(tenant().getStatus().accessLog.headSeq).isEqualTo(3);
        });
        String recorded = "checkpoint=3:" + tenant().getStatus().accessLog.headHash;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ingest.calls(EngineClient.SECURITY_PATH))
                .anySatisfy(c -> assertThat(c.query()).contains(recorded)));
        assertThat(notify.calls(EngineClient.SECURITY_PATH)).allSatisfy(c -> assertThat(c.query()).doesNotContain("checkpoint"));

        // The log grows: at the next reconcile (here a spec change; at least every 10 minutes) ingest is asked again,
        // and the checkpoint follows once a report verified the recorded one.
        ingest.appendAccessLog(4);
        retainLogs("31d");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(tenant().getStatus().accessLog.headSeq).isEqualTo(7));
        String head = tenant().getStatus().accessLog.headHash;

        // Entries cut off its end: the control says so, with its reason, and the checkpoint stays where it was.
        ingest.cutAccessLog(2);
        retainLogs("32d");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ControlStatus c = control(tenant().getStatus().controls, "12.4.1");
            assertThat(c.state).isEqualTo(ControlStatus.ControlState.NotSatisfied);
            assertThat(c.reason).isEqualTo("AccessLogTruncated");
            assertThat(c.evidence).anySatisfy(e -> assertThat(e).contains("entries 6 to 7 are missing"));
        });
        assertThat(tenant().getStatus().accessLog.headSeq).isEqualTo(7);
        assertThat(tenant().getStatus().accessLog.headHash).isEqualTo(head);
    }

    @Test
    void aRemovedTokenLosesItsSecretAfterTheRolloutAndTokenAndRefusedObjectsAreNoticed() {
        cluster.create(acme());
        awaitReady();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(cluster.client().secrets().inNamespace(NS).withName("opsgate-token-old").get()).isNotNull());

        cluster.client().resources(Tenant.class).withName("acme").edit(t -> {
            t.getSpec().apiTokens.removeIf(tok -> tok.name.equals("old"));
            return t;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(cluster.client().secrets().inNamespace(NS).withName("opsgate-token-old").get()).isNull();
            assertThat(auditLines()).anySatisfy(l -> assertThat(l)
                    .contains("\"object\":\"Secret/" + NS + "/opsgate-token-old\"", "\"action\":\"deleted\""));
            assertThat(ingest.calls(EngineClient.NOTICES_PATH)).anySatisfy(c -> {
                assertThat(c.body().path("kind").asText()).isEqualTo("TokenRotated");
                assertThat(c.body().path("title").asText()).contains("revoked", "opsgate-token-old");
            });
        });
        assertThat(cluster.client().secrets().inNamespace(NS).withName("opsgate-token-prometheus").get()).isNotNull();

        // an object left out of the configuration is a security notice too
        cluster.client().resource(Fixtures.rule(NS, "broken", "alertname=~\"(\"")).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ingest.calls(EngineClient.NOTICES_PATH))
                .anySatisfy(c -> {
                    assertThat(c.body().path("kind").asText()).isEqualTo("ConfigRefused");
                    assertThat(c.body().path("body").asText()).contains("AlertRule broken");
                }));
        // the Secret went only after the configuration without the token was written and rolled out
        List<String> lines = auditLines();
        int configUpdated = -1;
        int tokenDeleted = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"object\":\"Secret/" + NS + "/opsgate-config\"") && lines.get(i).contains("\"action\":\"updated\"")) {
                configUpdated = configUpdated < 0 ? i : configUpdated;
            }
            if (lines.get(i).contains("opsgate-token-old\"") && lines.get(i).contains("\"action\":\"deleted\"")) {
                tokenDeleted = i;
            }
        }
        assertThat(configUpdated).isNotNegative().isLessThan(tokenDeleted);
        assertThat(verify(auditLog)).isZero();
    }

    @Test
    void theOperatorIssuesTlsAndKekSecretsAndRenewsACertificateThatIsDue() throws Exception {
        String ns = "opsgate-beta";
        Instant now = Instant.now();
        TenantCertificates.Authority ca = TenantCertificates.authority("beta", now);
        // a certificate with ten days left: due for renewal
        TenantCertificates.ServerCertificate old = TenantCertificates.server(ca, TenantCertificates.serviceNames(ns), List.of(),
                now.minus(Duration.ofDays(80)));
        cluster.client().resource(new NamespaceBuilder().withNewMetadata().withName(ns).withLabels(Labels.of("beta", "namespace"))
                .endMetadata().build()).create();
        cluster.client().resource(new SecretBuilder().withNewMetadata().withName(TenantTls.CA_SECRET).withNamespace(ns).endMetadata()
                .addToData("ca.crt", b64(ca.certificatePem())).addToData("ca.key", b64(ca.keyPem())).build()).create();
        cluster.client().resource(new SecretBuilder().withNewMetadata().withName("opsgate-tls").withNamespace(ns).endMetadata()
                .addToData("tls.crt", b64(old.certificatePem())).addToData("tls.key", b64(old.keyPem()))
                .addToData("ca.crt", b64(ca.certificatePem())).build()).create();

        cluster.create(Fixtures.tenant("beta"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Secret tls = cluster.client().secrets().inNamespace(ns).withName("opsgate-tls").get();
            X509Certificate cert = TenantCertificates.parseCertificate(text(tls, "tls.crt"));
            assertThat(cert.getNotAfter().toInstant()).isAfter(now.plus(Duration.ofDays(89)));
            cert.verify(ca.certificate().getPublicKey());
            assertThat(text(tls, "ca.crt")).isEqualTo(ca.certificatePem());
            assertThat(cert.getSubjectAlternativeNames()).extracting(san -> String.valueOf(san.get(1)))
                    .contains("opsgate-ingest." + ns + ".svc", "opsgate-notify." + ns + ".svc", "opsgate-ingest", "opsgate-notify");
        });
        ConfigMap published = cluster.client().configMaps().inNamespace(ns).withName(TenantTls.CA_CONFIG_MAP).get();
        assertThat(published.getData()).containsEntry("ca.crt", ca.certificatePem());
        Secret kek = cluster.client().secrets().inNamespace(ns).withName("opsgate-kek").get();
        assertThat(kek.getData()).hasSize(1).allSatisfy((id, key) -> {
            assertThat(id).matches("\\d{8}T\\d{6}Z");
            assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        });
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).contains("\"object\":\"Secret/" + ns + "/opsgate-tls\"",
                "\"action\":\"rotated\"", "less than 30 days left"));
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).contains("\"object\":\"Secret/" + ns + "/opsgate-kek\"",
                "\"action\":\"created\""));
        assertThat(events("CertificateRenewed")).isNotEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Deployment d = cluster.client().apps().deployments().inNamespace(ns).withName("opsgate-notify").get();
            assertThat(d).isNotNull();
            assertThat(d.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v -> {
                assertThat(v.getName()).isEqualTo("tls");
                assertThat(v.getSecret().getSecretName()).isEqualTo("opsgate-tls");
            });
        });

        // the KEK is created once and never overwritten; a deleted TLS Secret is issued anew
        String kekBefore = kek.getData().toString();
        cluster.client().secrets().inNamespace(ns).withName("opsgate-tls").delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(cluster.client().secrets().inNamespace(ns).withName("opsgate-tls").get()).isNotNull());
        assertThat(cluster.client().secrets().inNamespace(ns).withName("opsgate-kek").get().getData().toString()).isEqualTo(kekBefore);
    }

    private void retainLogs(String retention) {
        cluster.client().resources(Tenant.class).withName("acme").edit(t -> {
            if (t.getSpec().retention == null) {
                t.getSpec().retention = new io.opsgate.api.v1alpha1.RetentionSpec();
            }
            t.getSpec().retention.logs = retention;
            return t;
        });
    }

    private Tenant acme() {
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().security = new SecuritySpec();
        t.getSpec().security.tlsSecretName = "acme-tls";
        t.getSpec().security.noticeChannel = "sec-mail";
        ApiTokenSpec old = new ApiTokenSpec();
        old.name = "old";
        t.getSpec().apiTokens.add(old);
        return t;
    }

    /** What the cluster looks like when a purge arrives. */
    private String observe() {
        var ns = cluster.client().namespaces().withName(NS).get();
        Tenant t = tenant();
        return (ns != null && ns.getMetadata().getDeletionTimestamp() == null ? "namespace standing" : "namespace going")
                + ", " + (t != null && t.getMetadata().getDeletionTimestamp() != null
                && t.getMetadata().getFinalizers().contains(TenantReconciler.FINALIZER)
                ? "tenant deleting with finalizer" : "tenant not held");
    }

    private String internalToken() {
        Secret s = cluster.client().secrets().inNamespace(NS).withName("opsgate-internal").get();
        return s == null ? "" : text(s, "token").strip();
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Tenant t = tenant();
            assertThat(t.getStatus()).isNotNull();
            assertThat(Conditions.isTrue(t.getStatus().conditions, ConditionTypes.READY)).isTrue();
        });
    }

    private Tenant tenant() {
        return cluster.client().resources(Tenant.class).withName("acme").get();
    }

    private List<Event> events(String reason) {
        return cluster.client().events().v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).toList();
    }

    private List<String> auditLines() {
        try {
            return Files.exists(auditLog) ? Files.readAllLines(auditLog) : List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ControlStatus control(List<ControlStatus> controls, String id) {
        return controls.stream().filter(c -> c.id.equals(id)).findFirst().orElseThrow();
    }

    private int verify(Path file) {
        return VerifyLogCommand.run("opsgate-operator.jar", new String[] {"verify-log", "--key=" + auditKey, file.toString()},
                new java.io.PrintStream(
                new java.io.ByteArrayOutputStream()), new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Secret s, String key) {
        return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
    }
}
