package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.common.SecretReference;
import io.opsgate.api.jobs.RunPhases;
import io.opsgate.api.v1alpha1.AlertSource;
import io.opsgate.api.v1alpha1.AlertSourceSpec;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobRun;
import io.opsgate.api.v1alpha1.OpsJobRunSpec;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13, finding 3, on the mock API server, as a tenant owner would try it past the webhook (an object
 * stored while the webhook was down or before it knew the rule): OpsJobs, channels and mail sources that
 * name a Secret opsgate keeps in the tenant namespace are reported invalid and left out, their runs start
 * no Job, and nothing of opsgate's is mounted for them. A Secret carrying opsgate's label is refused too,
 * whatever its name, so the defence does not rest on the name list alone.
 */
class ReservedSecretsIT {

    static final String NS = "opsgate-acme";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String RESERVED = "ReservedSecret";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final MockCluster cluster = MockCluster.runningOperator().withDeploymentController();

    @BeforeEach
    void tenantIsReady() {
        cluster.create(Fixtures.tenant("acme"));
        await().atMost(WAIT).untilAsserted(() -> {
            Tenant t = cluster.client().resources(Tenant.class).withName("acme").get();
            assertThat(t.getStatus()).isNotNull();
            assertThat(Conditions.isTrue(t.getStatus().conditions, ConditionTypes.READY)).isTrue();
            assertThat(cluster.client().secrets().inNamespace(NS).withName("opsgate-kek").get()).isNotNull();
        });
    }

    @Test
    void anOpsJobThatMountsTheKekIsRefusedAndItsRunStartsNoJob() {
        cluster.create(job("steal", "opsgate-kek"));
        await().atMost(WAIT).untilAsserted(() -> {
            Condition ready = ready(cluster.client().resources(OpsJob.class).inNamespace(NS).withName("steal").get()
                    .getStatus().conditions);
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo(RESERVED);
            assertThat(ready.getMessage()).startsWith("spec.credentials[0].secretName").contains("opsgate-kek");
        });
        cluster.create(run("steal-1", "steal"));
        await().atMost(WAIT).untilAsserted(() -> {
            OpsJobRun r = cluster.client().resources(OpsJobRun.class).inNamespace(NS).withName("steal-1").get();
            assertThat(r.getStatus()).isNotNull();
            assertThat(r.getStatus().phase).isEqualTo(RunPhases.REFUSED);
            assertThat(ready(r.getStatus().conditions).getReason()).isEqualTo(RESERVED);
            assertThat(ready(r.getStatus().conditions).getMessage()).contains("opsgate-kek");
        });
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(cluster.client().batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
            assertThat(cluster.client().batch().v1().cronjobs().inNamespace(NS).list().getItems()).isEmpty();
        });
    }

    @Test
    void aSecretCarryingOpsgatesLabelIsNotMountedWhateverItsNameWhileTheTenantsOwnIs() {
        cluster.create(new SecretBuilder().withNewMetadata().withName("db-admin").withNamespace(NS)
                .withLabels(Map.of("opsgate.io/managed-secret", "true")).endMetadata()
                .withData(Map.of("password", base64("opsgate's, not the tenant's"))).build());
        cluster.create(new SecretBuilder().withNewMetadata().withName("backup-key").withNamespace(NS).endMetadata()
                .withData(Map.of("key", base64("the tenant's own"))).build());
        cluster.create(job("dump", "db-admin"));
        cluster.create(job("backup", "backup-key"));
        await().atMost(WAIT).until(() -> cluster.client().resources(OpsJob.class).inNamespace(NS).list().getItems()
                .stream().allMatch(j -> j.getStatus() != null));
        cluster.create(run("dump-1", "dump"));
        cluster.create(run("backup-1", "backup"));

        await().atMost(WAIT).untilAsserted(() -> {
            OpsJobRun r = cluster.client().resources(OpsJobRun.class).inNamespace(NS).withName("dump-1").get();
            assertThat(r.getStatus()).isNotNull();
            assertThat(r.getStatus().phase).isEqualTo(RunPhases.REFUSED);
            assertThat(ready(r.getStatus().conditions).getReason()).isEqualTo(RESERVED);
            assertThat(ready(r.getStatus().conditions).getMessage()).contains("db-admin");
            assertThat(cluster.client().batch().v1().jobs().inNamespace(NS).withName("backup-1-backup").get())
                    .as("the tenant's own Secret is mounted as before").isNotNull();
        });
        assertThat(cluster.client().batch().v1().jobs().inNamespace(NS).withName("dump-1-dump").get()).isNull();
        assertThat(cluster.client().batch().v1().cronjobs().inNamespace(NS).withName("opsjob-dump").get())
                .as("nor does its schedule mount it").isNull();
        assertThat(cluster.client().batch().v1().cronjobs().inNamespace(NS).withName("opsjob-backup").get()).isNotNull();
    }

    @Test
    void aChannelOrMailSourceNamingAnOpsgateSecretIsLeftOutAndNothingOfOpsgatesIsProjected() throws Exception {
        NotificationChannel leak = new NotificationChannel();
        leak.setMetadata(new ObjectMetaBuilder().withName("leak").withNamespace(NS).build());
        leak.setSpec(new NotificationChannelSpec());
        leak.getSpec().type = NotificationChannelSpec.ChannelType.Webhook;
        leak.getSpec().webhook = new NotificationChannelSpec.WebhookSettings();
        leak.getSpec().webhook.url = "https://hooks.acme.example/x";
        leak.getSpec().secretRef = new SecretReference("opsgate-internal");
        cluster.create(leak);
        AlertSource mail = new AlertSource();
        mail.setMetadata(new ObjectMetaBuilder().withName("intake").withNamespace(NS).build());
        mail.setSpec(new AlertSourceSpec());
        mail.getSpec().type = AlertSourceSpec.SourceType.Mail;
        mail.getSpec().mail = new AlertSourceSpec.MailSource();
        mail.getSpec().mail.recipients = List.of("alerts@acme.example");
        mail.getSpec().mail.authSecretRef = new SecretReference("opsgate-tls-ca");
        cluster.create(mail);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(ready(cluster.client().resources(NotificationChannel.class).inNamespace(NS).withName("leak").get()
                    .getStatus().conditions).getReason()).isEqualTo(RESERVED);
            assertThat(ready(cluster.client().resources(AlertSource.class).inNamespace(NS).withName("intake").get()
                    .getStatus().conditions).getReason()).isEqualTo(RESERVED);
            JsonNode config = JSON.readTree(Base64.getDecoder().decode(cluster.client().secrets().inNamespace(NS)
                    .withName("opsgate-config").get().getData().get("config.json")));
            assertThat(config.path("excluded").findValuesAsText("name")).contains("leak", "intake");
        });
        for (String workload : List.of("opsgate-ingest", "opsgate-notify")) {
            Deployment d = cluster.client().apps().deployments().inNamespace(NS).withName(workload).get();
            List<String> projected = d.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .map(Volume::getProjected).filter(Objects::nonNull)
                    .flatMap(p -> p.getSources().stream()).map(VolumeProjection::getSecret).filter(Objects::nonNull)
                    .map(s -> s.getName()).toList();
            assertThat(projected).as(workload).doesNotContain("opsgate-internal", "opsgate-tls-ca");
        }
    }

    @Test
    void everySecretOpsgateCreatesCarriesItsLabel() {
        List<Secret> secrets = cluster.client().secrets().inNamespace(NS).list().getItems();
        assertThat(secrets).extracting(s -> s.getMetadata().getName())
                .contains("opsgate-config", "opsgate-internal", "opsgate-token-prometheus", "opsgate-tls", "opsgate-tls-ca",
                        "opsgate-kek");
        assertThat(secrets).allSatisfy(s -> assertThat(s.getMetadata().getLabels())
                .as(s.getMetadata().getName()).containsEntry("opsgate.io/managed-secret", "true"));
    }

    private static OpsJob job(String name, String secret) {
        OpsJob j = new OpsJob();
        j.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        OpsJobSpec spec = new OpsJobSpec();
        spec.container = new OpsJobSpec.JobContainer();
        spec.container.image = "registry.example/ops/runner:1";
        spec.container.command = List.of("sh", "-c", "cat /var/run/opsgate/credentials/*/*");
        spec.schedule = new OpsJobSpec.ScheduleSpec();
        spec.schedule.cron = "@hourly";
        OpsJobSpec.CredentialMount m = new OpsJobSpec.CredentialMount();
        m.secretName = secret;
        spec.credentials = List.of(m);
        j.setSpec(spec);
        return j;
    }

    private static OpsJobRun run(String name, String job) {
        OpsJobRun r = new OpsJobRun();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        r.setSpec(new OpsJobRunSpec());
        r.getSpec().opsJob = job;
        r.getSpec().reason = OpsJobRunSpec.RunReason.Manual;
        return r;
    }

    private static Condition ready(List<Condition> conditions) {
        return Conditions.find(conditions, ConditionTypes.READY).orElseThrow();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
