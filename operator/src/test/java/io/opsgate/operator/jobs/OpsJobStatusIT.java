package io.opsgate.operator.jobs;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.common.OpsgateStatus;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.TcpCheck;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** OpsJob, Monitor and NotificationChannel report their own status, cross-object errors included. */
class OpsJobStatusIT {

    static final String NS = "opsgate-acme";
    @RegisterExtension
    final MockCluster cluster = MockCluster.runningOperator();

    @Test
    void aDependsOnCycleMarksEveryJobOnItAndBreakingItHeals() {
        cluster.create(Fixtures.tenant("acme"));
        cluster.create(job("a", "b"));
        cluster.create(job("b", "a"));
        cluster.create(job("c", "a"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String name : List.of("a", "b")) {
                Condition ready = ready(cluster.client().resources(OpsJob.class).inNamespace(NS).withName(name).get());
                assertThat(ready.getReason()).isEqualTo("DependencyCycle");
                assertThat(ready.getMessage()).startsWith("spec.dependsOn: ");
            }
            assertThat(ready(cluster.client().resources(OpsJob.class).inNamespace(NS).withName("c").get()).getStatus()).isEqualTo("True");
        });

        OpsJob b = cluster.client().resources(OpsJob.class).inNamespace(NS).withName("b").get();
        b.getSpec().dependsOn = new ArrayList<>();
        b.getSpec().schedule = new OpsJobSpec.ScheduleSpec();
        b.getSpec().schedule.cron = "0 3 * * *";
        cluster.client().resource(b).update();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ready(cluster.client().resources(OpsJob.class).inNamespace(NS).withName("a").get()).getStatus())
                    .as("a is re-validated when its sibling b changes").isEqualTo("True");
            assertThat(ready(cluster.client().resources(OpsJob.class).inNamespace(NS).withName("b").get()).getStatus()).isEqualTo("True");
        });
    }

    @Test
    void monitorsAndChannelsReportTheirOwnValidity() {
        cluster.create(Fixtures.tenant("acme"));
        Monitor monitor = new Monitor();
        monitor.setMetadata(new ObjectMetaBuilder().withName("db").withNamespace(NS).build());
        monitor.setSpec(new MonitorSpec());
        monitor.getSpec().type = MonitorSpec.MonitorType.TCP;
        monitor.getSpec().tcp = new TcpCheck();
        monitor.getSpec().tcp.host = "db.acme.example";
        monitor.getSpec().tcp.port = 70000;
        cluster.create(monitor);
        cluster.create(Fixtures.secret(NS, "pd"));
        cluster.create(Fixtures.channel(NS, "pager", NotificationChannelSpec.ChannelType.PagerDuty, "pd"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Condition m = ready(cluster.client().resources(Monitor.class).inNamespace(NS).withName("db").get());
            assertThat(m.getStatus()).isEqualTo("False");
            assertThat(m.getMessage()).startsWith("spec.tcp.port");
            NotificationChannel c = cluster.client().resources(NotificationChannel.class).inNamespace(NS).withName("pager").get();
            assertThat(ready(c).getStatus()).isEqualTo("True");
            assertThat(c.getStatus().observedGeneration).isEqualTo(c.getMetadata().getGeneration());
        });
    }

    private static OpsJob job(String name, String dependsOn) {
        OpsJob j = new OpsJob();
        j.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        OpsJobSpec spec = new OpsJobSpec();
        spec.container = new OpsJobSpec.JobContainer();
        spec.container.image = "registry.example/ops/runner:1";
        spec.dependsOn = new ArrayList<>(List.of(dependsOn));
        j.setSpec(spec);
        return j;
    }

    private static Condition ready(CustomResource<?, ? extends OpsgateStatus> o) {
        assertThat(o.getStatus()).as("%s has a status", o.getMetadata().getName()).isNotNull();
        return Conditions.find(o.getStatus().conditions, ConditionTypes.READY).orElseThrow();
    }
}
