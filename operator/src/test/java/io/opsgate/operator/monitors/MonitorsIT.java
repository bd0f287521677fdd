package io.opsgate.operator.monitors;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.opsgate.api.v1alpha1.HeartbeatCheck;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.api.v1alpha1.MonitorStatus;
import io.opsgate.api.v1alpha1.TcpCheck;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Monitors in a cluster: their status as ingest and the operator write it, and the egress and RBAC ingest gets for them. */
class MonitorsIT {

    static final String NS = "opsgate-acme";
    static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    final MockCluster cluster = MockCluster.runningOperator();

    @BeforeEach
    void createTenant() {
        cluster.create(Fixtures.tenant("acme"));
    }

    @Test
    void theStatusShowsThePushPathAndKeepsWhatIngestWrote() {
        Monitor beat = monitor("nightly");
        beat.getSpec().type = MonitorSpec.MonitorType.Heartbeat;
        beat.getSpec().heartbeat = new HeartbeatCheck();
        beat.getSpec().heartbeat.period = "24h";
        cluster.create(beat);
        await().atMost(WAIT).untilAsserted(() -> {
            MonitorStatus s = get("nightly").getStatus();
            assertThat(s).isNotNull();
            assertThat(s.pushPath).isEqualTo("/api/v1/heartbeats/nightly");
            assertThat(s.observedGeneration).isEqualTo(1L);
        });

        // What ingest writes after a check (a merge patch of the status subresource).
        Monitor live = get("nightly");
        live.getStatus().lastResult = new MonitorStatus.CheckResult();
        live.getStatus().lastResult.state = "Down";
        live.getStatus().lastResult.message = "no ping since 2026-11-25T03:00:00Z";
        live.getStatus().lastResult.latencyMillis = 0L;
        live.getStatus().lastChange = "2026-11-26T04:00:00Z";
        cluster.client().resource(live).updateStatus();

        Monitor changed = get("nightly");
        changed.getSpec().heartbeat.grace = "2h";
        cluster.client().resource(changed).update();
        await().atMost(WAIT).untilAsserted(() -> {
            MonitorStatus s = get("nightly").getStatus();
            assertThat(s.observedGeneration).isEqualTo(2L);
            assertThat(s.lastResult.state).isEqualTo("Down");
            assertThat(s.lastResult.message).isEqualTo("no ping since 2026-11-25T03:00:00Z");
            assertThat(s.lastChange).isEqualTo("2026-11-26T04:00:00Z");
        });
    }

    @Test
    void ingestMayReachTheMonitorsTargetsAndCreateRuns() {
        Monitor db = monitor("db");
        db.getSpec().type = MonitorSpec.MonitorType.TCP;
        db.getSpec().tcp = new TcpCheck();
        // Inside the Tenant's grant (192.0.2.0/24 on 443 and 587): a target outside it gets no rule (HostileTenantIT).
        db.getSpec().tcp.host = "192.0.2.20";
        db.getSpec().tcp.port = 443;
        cluster.create(db);
        await().atMost(WAIT).untilAsserted(() -> {
            NetworkPolicy p = cluster.client().network().v1().networkPolicies().inNamespace(NS)
                    .withName("opsgate-ingest-monitor-egress").get();
            assertThat(p).isNotNull();
            assertThat(p.getSpec().getEgress()).singleElement().satisfies(r -> {
                assertThat(r.getTo().get(0).getIpBlock().getCidr()).isEqualTo("192.0.2.20/32");
                assertThat(r.getPorts()).singleElement().satisfies(port -> {
                    assertThat(port.getPort().getIntVal()).isEqualTo(443);
                    assertThat(port.getProtocol()).isEqualTo("TCP");
                });
            });
            Role ingest = cluster.client().rbac().roles().inNamespace(NS).withName("opsgate-ingest").get();
            assertThat(ingest).isNotNull();
            assertThat(ingest.getRules()).anySatisfy(r -> assertThat(r.getResources()).containsExactly("opsjobruns"));
            // the binding comes after the Role in the same reconcile: absent is "not yet", not an error
            RoleBinding binding = cluster.client().rbac().roleBindings().inNamespace(NS).withName("opsgate-ingest").get();
            assertThat(binding).isNotNull();
            assertThat(binding.getSubjects())
                    .singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("opsgate-ingest"));
        });

        Monitor moved = cluster.client().resources(Monitor.class).inNamespace(NS).withName("db").get();
        moved.getSpec().tcp.host = "db.acme.example";
        cluster.client().resource(moved).update();
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.client().network().v1().networkPolicies().inNamespace(NS)
                .withName("opsgate-ingest-monitor-egress").get().getSpec().getEgress())
                .as("a host name: the Tenant's allowed egress").singleElement()
                .satisfies(r -> assertThat(r.getTo().get(0).getIpBlock().getCidr()).isEqualTo("192.0.2.0/24")));
    }

    private Monitor get(String name) {
        return cluster.client().resources(Monitor.class).inNamespace(NS).withName(name).get();
    }

    private static Monitor monitor(String name) {
        Monitor m = new Monitor();
        m.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        m.setSpec(new MonitorSpec());
        return m;
    }
}
