package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.opsgate.api.v1alpha1.SecuritySpec;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.config.ChannelSecret;
import io.opsgate.operator.support.Desired;
import io.opsgate.operator.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TenantDeploymentBuilderTest {

    final Deployment ingest = TenantDeploymentBuilder.build(Desired.acme(), Workload.INGEST);
    final Deployment notify = TenantDeploymentBuilder.build(Desired.of(Fixtures.tenant("acme"),
            List.of(new ChannelSecret("smtp", List.of("password", "username")), new ChannelSecret("hooks", List.of("hmacKey")))),
            Workload.NOTIFY);

    @Test
    void podsRunAsNonRootWithSeccompAndNoToken() {
        for (Deployment d : List.of(ingest, notify)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
            assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(10001L);
            assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(10001L);
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as("only ingest talks to the API").isEqualTo(d == ingest);
            assertThat(pod.getServiceAccountName()).isEqualTo(d.getMetadata().getName());
            assertThat(pod.getHostNetwork()).isNull();
            Container c = pod.getContainers().get(0);
            assertThat(pod.getContainers()).hasSize(1);
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getPrivileged()).isFalse();
            assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(c.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(c.getSecurityContext().getCapabilities().getAdd()).isEmpty();
            assertThat(c.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        }
    }

    @Test
    void containersRunTheEngineImageWithTheContractsArguments() {
        Container c = ingest.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("registry.example/opsgate/engine:1.0");
        assertThat(c.getArgs()).containsExactly("ingest", "--config-file=/etc/opsgate/config/config.json",
                "--secrets-dir=/var/run/opsgate/secrets", "--data=/var/lib/opsgate", "--listen=0.0.0.0:9093",
                "--tls-cert=/var/run/opsgate/tls/tls.crt", "--tls-key=/var/run/opsgate/tls/tls.key",
                "--tls-ca=/var/run/opsgate/tls/ca.crt", "--kek-dir=/var/run/opsgate/kek", "--metrics-listen=0.0.0.0:9090",
                "--smtp-listen=0.0.0.0:2525", "--smtp-tls-cert=/var/run/opsgate/tls/tls.crt",
                "--smtp-tls-key=/var/run/opsgate/tls/tls.key");
        assertThat(c.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort() + "/" + p.getProtocol())
                .containsExactly("http:9093/TCP", "smtp:2525/TCP", "metrics:9090/TCP");
        assertThat(c.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).containsExactly(
                "OPSGATE_NOTIFY_URL=https://opsgate-notify.opsgate-acme.svc:9094",
                "OPSGATE_INTERNAL_TOKEN_FILE=/var/run/opsgate/internal/token");
        Container n = notify.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(n.getArgs()).containsExactly("notify", "--config-file=/etc/opsgate/config/config.json",
                "--secrets-dir=/var/run/opsgate/secrets", "--data=/var/lib/opsgate", "--listen=0.0.0.0:9094",
                "--tls-cert=/var/run/opsgate/tls/tls.crt", "--tls-key=/var/run/opsgate/tls/tls.key",
                "--tls-ca=/var/run/opsgate/tls/ca.crt", "--kek-dir=/var/run/opsgate/kek", "--metrics-listen=0.0.0.0:9090");
        assertThat(n.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort()).containsExactly("http:9094", "metrics:9090");
        assertThat(n.getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("OPSGATE_INTERNAL_TOKEN_FILE=/var/run/opsgate/internal/token");
    }

    @Test
    void theInternalTokenAndChannelCredentialsAreWhereTheEngineReadsThem() {
        for (Deployment d : List.of(ingest, notify)) {
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            String tokenFile = c.getEnv().stream().filter(e -> e.getName().equals("OPSGATE_INTERNAL_TOKEN_FILE"))
                    .findFirst().orElseThrow().getValue();
            VolumeMount internal = c.getVolumeMounts().stream().filter(m -> m.getName().equals("internal")).findFirst().orElseThrow();
            assertThat(tokenFile).isEqualTo(internal.getMountPath() + "/" + TenantSecretBuilder.TOKEN_KEY);
            assertThat(internal.getReadOnly()).isTrue();
            assertThat(volume(d, "internal").getSecret().getSecretName()).isEqualTo(TenantSecretBuilder.INTERNAL_SECRET);
            assertThat(volume(d, "internal").getSecret().getItems()).as("every key, so token is there").isNullOrEmpty();
        }
        // Cluster layout of the engine's Credentials: <secrets-dir>/<secret>/<key>.
        Container n = notify.getSpec().getTemplate().getSpec().getContainers().get(0);
        VolumeMount secrets = n.getVolumeMounts().stream().filter(m -> m.getName().equals("channel-secrets")).findFirst().orElseThrow();
        assertThat(n.getArgs()).contains("--secrets-dir=" + secrets.getMountPath());
        assertThat(secrets.getReadOnly()).isTrue();
        assertThat(volume(notify, "channel-secrets").getProjected().getSources())
                .flatExtracting(s -> s.getSecret().getItems())
                .extracting(i -> secrets.getMountPath() + "/" + i.getPath())
                .containsExactly("/var/run/opsgate/secrets/smtp/password", "/var/run/opsgate/secrets/smtp/username",
                        "/var/run/opsgate/secrets/hooks/hmacKey");
        // Ingest sends no notification itself: it never sees a channel credential (it may see mail-intake AUTH secrets).
        assertThat(ingest.getSpec().getTemplate().getSpec().getVolumes())
                .noneMatch(v -> v.getName().equals("channel-secrets"))
                .filteredOn(v -> v.getProjected() != null)
                .flatExtracting(v -> v.getProjected().getSources())
                .noneMatch(s -> s.getSecret() != null && List.of("smtp", "hooks").contains(s.getSecret().getName()));
    }

    @Test
    void requestsAndLimitsComeFromTheSpecsDefaults() {
        Container c = ingest.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getResources().getRequests()).isEqualTo(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")));
        assertThat(c.getResources().getLimits()).isEqualTo(Map.of("cpu", new Quantity("1"), "memory", new Quantity("512Mi")));
    }

    @Test
    void probesHitHealthzAndReadyzOnThePlainMetricsPortSinceTheApiPortServesTls() {
        Container c = ingest.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
        assertThat(c.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTP");
        assertThat(c.getReadinessProbe().getPeriodSeconds()).isPositive();
    }

    @Test
    void theConfigHashIsOnThePodTemplateSoWorkloadsRollWhenItChanges() {
        assertThat(ingest.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("opsgate.io/config-hash", "abc123");
        assertThat(notify.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("opsgate.io/config-hash", "abc123");
    }

    @Test
    void mountsFollowTheContract() {
        assertThat(mounts(ingest)).containsExactly("config:/etc/opsgate/config:ro", "internal:/var/run/opsgate/internal:ro",
                "data:/var/lib/opsgate:rw", "tmp:/tmp:rw", "tls:/var/run/opsgate/tls:ro", "kek:/var/run/opsgate/kek:ro",
                "intake-secrets:/var/run/opsgate/secrets:ro");
        assertThat(mounts(notify)).containsExactly("config:/etc/opsgate/config:ro", "internal:/var/run/opsgate/internal:ro",
                "data:/var/lib/opsgate:rw", "tmp:/tmp:rw", "tls:/var/run/opsgate/tls:ro", "kek:/var/run/opsgate/kek:ro",
                "channel-secrets:/var/run/opsgate/secrets:ro");
        assertThat(volume(ingest, "tls").getSecret().getSecretName()).isEqualTo("opsgate-tls");
        assertThat(volume(ingest, "tls").getSecret().getDefaultMode()).isEqualTo(0440);
        assertThat(volume(notify, "kek").getSecret().getSecretName()).isEqualTo("opsgate-kek");
        Volume data = volume(ingest, "data");
        assertThat(data.getPersistentVolumeClaim().getClaimName()).isEqualTo("opsgate-ingest-data");
        assertThat(volume(notify, "data").getPersistentVolumeClaim().getClaimName()).isEqualTo("opsgate-notify-data");
        assertThat(volume(ingest, "config").getSecret().getSecretName()).isEqualTo("opsgate-config");
        assertThat(volume(ingest, "config").getSecret().getDefaultMode()).isEqualTo(0440);
        assertThat(volume(ingest, "internal").getSecret().getSecretName()).isEqualTo("opsgate-internal");
        assertThat(volume(ingest, "tmp").getEmptyDir()).isNotNull();
        assertThat(ingest.getSpec().getTemplate().getSpec().getVolumes()).extracting(Volume::getName)
                .doesNotContain("channel-secrets");
    }

    @Test
    void notifyProjectsEachChannelSecretIntoItsOwnDirectory() {
        Volume v = volume(notify, "channel-secrets");
        assertThat(v.getProjected().getDefaultMode()).isEqualTo(0440);
        assertThat(v.getProjected().getSources()).hasSize(2);
        var smtp = v.getProjected().getSources().get(0).getSecret();
        assertThat(smtp.getName()).isEqualTo("smtp");
        assertThat(smtp.getOptional()).as("a missing secret must not keep notify down").isTrue();
        assertThat(smtp.getItems()).extracting(i -> i.getKey() + "->" + i.getPath())
                .containsExactly("password->smtp/password", "username->smtp/username");
        assertThat(v.getProjected().getSources().get(1).getSecret().getItems()).extracting(i -> i.getPath())
                .containsExactly("hooks/hmacKey");
    }

    @Test
    void ingestProjectsTheSmtpAuthSecretsOfMailSources() {
        Deployment withAuth = TenantDeploymentBuilder.build(Desired.withIntakeSecrets(Fixtures.tenant("acme"),
                List.of(new ChannelSecret("batch-smtp", List.of("password", "username")))), Workload.INGEST);
        Volume v = volume(withAuth, "intake-secrets");
        assertThat(v.getProjected().getDefaultMode()).isEqualTo(0440);
        var auth = v.getProjected().getSources().get(0).getSecret();
        assertThat(v.getProjected().getSources()).hasSize(1);
        assertThat(auth.getName()).isEqualTo("batch-smtp");
        assertThat(auth.getOptional()).as("a missing secret must not keep the other mailboxes down").isTrue();
        assertThat(auth.getItems()).extracting(i -> i.getKey() + "->" + i.getPath())
                .containsExactly("password->batch-smtp/password", "username->batch-smtp/username");
        assertThat(volume(ingest, "intake-secrets").getProjected().getSources()).isEmpty();
        assertThat(notify.getSpec().getTemplate().getSpec().getVolumes()).extracting(Volume::getName)
                .doesNotContain("intake-secrets");
    }

    @Test
    void theApiAndTheSmtpIntakeShareOneTlsMountOfTheOneTlsSecret() {
        for (Deployment d : List.of(ingest, notify)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("tls")).hasSize(1);
            assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null
                    && "opsgate-tls".equals(v.getSecret().getSecretName())).hasSize(1);
            assertThat(pod.getContainers().get(0).getVolumeMounts())
                    .filteredOn(m -> m.getMountPath().equals("/var/run/opsgate/tls"))
                    .extracting(VolumeMount::getName).containsExactly("tls");
            Volume tls = volume(d, "tls");
            assertThat(tls.getSecret().getOptional()).as("the operator issues it before the workloads start").isNotEqualTo(true);
            assertThat(tls.getSecret().getDefaultMode()).isEqualTo(0440);
        }
        Container c = ingest.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getArgs()).contains("--tls-cert=/var/run/opsgate/tls/tls.crt", "--smtp-tls-cert=/var/run/opsgate/tls/tls.crt",
                "--tls-key=/var/run/opsgate/tls/tls.key", "--smtp-tls-key=/var/run/opsgate/tls/tls.key");

        Tenant own = Fixtures.tenant("acme");
        own.getSpec().security = new SecuritySpec();
        own.getSpec().security.tlsSecretName = "acme-tls";
        Deployment ownTls = TenantDeploymentBuilder.build(Desired.withIntakeSecrets(own, List.of()), Workload.INGEST);
        assertThat(ownTls.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                .extracting(v -> v.getName() + ":" + v.getSecret().getSecretName())
                .contains("tls:acme-tls").doesNotContain("tls:opsgate-tls");
        assertThat(ownTls.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getName().equals("tls")).hasSize(1);
    }

    @Test
    void oneWriterPerStoreSoTheOldPodGoesFirst() {
        assertThat(ingest.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(ingest.getSpec().getReplicas()).isEqualTo(1);
        assertThat(ingest.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("app.kubernetes.io/name", "opsgate",
                "app.kubernetes.io/component", "ingest", "opsgate.io/tenant", "acme"));
        assertThat(ingest.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(ingest.getSpec().getSelector().getMatchLabels());
    }

    private static Volume volume(Deployment d, String name) {
        return d.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> mounts(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts().stream()
                .map((VolumeMount m) -> m.getName() + ":" + m.getMountPath() + (Boolean.TRUE.equals(m.getReadOnly()) ? ":ro" : ":rw"))
                .toList();
    }

    @Test
    void notifyGetsTheTenantsExternalUrlOrThePlatformsTemplateForTicketLinksAndIngestNever() {
        Tenant t = Fixtures.tenant("acme");
        TenantPlatform platform = new TenantPlatform("img", null, "https://opsgate.example.com/{tenant}");
        assertThat(externalUrl(TenantDeploymentBuilder.build(Desired.of(t, List.of(), platform), Workload.NOTIFY)))
                .isEqualTo("https://opsgate.example.com/acme");
        t.getSpec().externalURL = "https://alerts.acme.example/opsgate";
        assertThat(externalUrl(TenantDeploymentBuilder.build(Desired.of(t, List.of(), platform), Workload.NOTIFY)))
                .as("the Tenant's own URL wins").isEqualTo("https://alerts.acme.example/opsgate");
        assertThat(externalUrl(TenantDeploymentBuilder.build(Desired.of(t, List.of(), platform), Workload.INGEST))).isNull();
        assertThat(externalUrl(TenantDeploymentBuilder.build(Desired.of(Fixtures.tenant("acme"), List.of()), Workload.NOTIFY)))
                .as("neither: no links").isNull();
    }

    private static String externalUrl(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("OPSGATE_EXTERNAL_URL")).map(e -> e.getValue()).findFirst().orElse(null);
    }
}
