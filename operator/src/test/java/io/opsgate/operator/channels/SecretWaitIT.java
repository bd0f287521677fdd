package io.opsgate.operator.channels;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.v1alpha1.EgressRule;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Objects may be applied before the Secrets they reference (kubectl apply -f of a directory, GitOps): they wait,
 * not Ready and Reconciling with reason WaitingForSecret naming the field, and become Ready once the Secret is
 * there. And an OpsJob's pods get exactly the egress it declares within the Tenant's grant.
 */
class SecretWaitIT {

    static final String NS = "opsgate-acme";
    static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    final MockCluster cluster = MockCluster.runningOperator();

    @Test
    void aChannelWaitsForItsSecretAndBecomesReadyOnceItExists() {
        cluster.create(Fixtures.tenant("acme"));
        cluster.create(Fixtures.channel(NS, "pager", NotificationChannelSpec.ChannelType.PagerDuty, "pd-key"));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Condition> c = channel().getStatus().conditions;
            assertThat(ready(c)).isEqualTo("False/WaitingForSecret");
            assertThat(Conditions.find(c, ConditionTypes.READY).get().getMessage())
                    .startsWith("spec.secretRef.name: Secret pd-key does not exist in namespace opsgate-acme yet");
            assertThat(Conditions.isTrue(c, ConditionTypes.RECONCILING)).as("progressing, not failed").isTrue();
            assertThat(Conditions.isTrue(c, ConditionTypes.STALLED)).isFalse();
        });

        cluster.create(Fixtures.secret(NS, "pd-key"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(ready(channel().getStatus().conditions)).isEqualTo("True/Compiled");
            assertThat(Conditions.isTrue(channel().getStatus().conditions, ConditionTypes.RECONCILING)).isFalse();
        });
    }

    @Test
    void anOpsJobsPodsGetTheEgressItDeclaresWithinTheTenantsGrantAndNothingElse() {
        cluster.create(Fixtures.tenant("acme"));
        OpsJob job = new OpsJob();
        job.setMetadata(new ObjectMetaBuilder().withName("restart-web").withNamespace(NS).build());
        job.setSpec(new OpsJobSpec());
        job.getSpec().container = new OpsJobSpec.JobContainer();
        job.getSpec().container.image = "registry.example/ops/runner:1";
        job.getSpec().schedule = new OpsJobSpec.ScheduleSpec();
        job.getSpec().schedule.cron = "@daily";
        job.getSpec().egress = new ArrayList<>(List.of(new EgressRule("192.0.2.10/32", new ArrayList<>(List.of(443)))));
        cluster.create(job);
        await().atMost(WAIT).untilAsserted(() -> {
            NetworkPolicy p = cluster.client().network().v1().networkPolicies().inNamespace(NS)
                    .withName("opsjob-restart-web-egress").get();
            assertThat(p).isNotNull();
            assertThat(p.getSpec().getPodSelector().getMatchLabels()).containsEntry("opsgate.io/opsjob", "restart-web");
            assertThat(p.getSpec().getEgress()).hasSize(2);
            assertThat(p.getSpec().getEgress().get(0).getTo().get(0).getIpBlock().getCidr()).isEqualTo("192.0.2.10/32");
            assertThat(p.getSpec().getEgress().get(0).getPorts().get(0).getPort().getIntVal()).isEqualTo(443);
        });

        OpsJob wider = opsJob();
        wider.getSpec().egress = new ArrayList<>(List.of(new EgressRule("0.0.0.0/0", new ArrayList<>())));
        cluster.client().resource(wider).update();
        await().atMost(WAIT).untilAsserted(() -> {
            Condition r = Conditions.find(opsJob().getStatus().conditions, ConditionTypes.READY).orElseThrow();
            assertThat(r.getReason()).isEqualTo("EgressNotGranted");
            assertThat(r.getMessage()).startsWith("spec.egress[0]: 0.0.0.0/0");
            assertThat(cluster.client().network().v1().networkPolicies().inNamespace(NS)
                    .withName("opsjob-restart-web-egress").get()).as("not granted: no egress at all").isNull();
        });
    }

    private NotificationChannel channel() {
        return cluster.client().resources(NotificationChannel.class).inNamespace(NS).withName("pager").get();
    }

    private OpsJob opsJob() {
        return cluster.client().resources(OpsJob.class).inNamespace(NS).withName("restart-web").get();
    }

    private static String ready(List<Condition> c) {
        return Conditions.find(c, ConditionTypes.READY).map(x -> x.getStatus() + "/" + x.getReason()).orElse("absent");
    }
}
