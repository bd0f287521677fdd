package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.CompiledConfigCodec;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.EgressRule;
import io.opsgate.api.v1alpha1.HttpCheck;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.api.v1alpha1.TcpCheck;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tenant's owner writing objects that would take the operator down or open egress the platform team never
 * granted (issue 13): each is refused on its own status and left out of the compiled configuration, while the
 * operator keeps serving this tenant's valid objects and other tenants.
 */
class HostileTenantIT {
    static final String NS = "opsgate-acme";
    static final Duration WAIT = Duration.ofSeconds(60);
    @RegisterExtension
    final MockCluster cluster = MockCluster.runningOperator();

    @Test
    void aRuleWhoseRegexWouldCompileToABillionInstructionsIsRefusedAndTheOperatorServesOn() {
        cluster.create(Fixtures.tenant("acme"));
        await().atMost(WAIT).until(() -> cluster.client().namespaces().withName(NS).get() != null);
        cluster.create(Fixtures.rule(NS, "blow-up", "alertname=~\"((a{1000}){1000}){1000}\""));
        cluster.create(Fixtures.rule(NS, "fine", "severity=\"critical\""));

        await().atMost(WAIT).untilAsserted(() -> {
            Condition ready = ready(AlertRule.class, "blow-up");
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo("RegexTooComplex");
            assertThat(ready.getMessage()).startsWith("spec.matchers[0]: ");
            assertThat(ready(AlertRule.class, "fine").getStatus()).isEqualTo("True");
            assertThat(compiled().alertRules).extracting(r -> r.name).containsExactly("fine");
        });
        cluster.create(Fixtures.tenant("globex"));
        cluster.create(Fixtures.rule("opsgate-globex", "other", "severity=\"warning\""));
        await().atMost(WAIT).untilAsserted(() -> {
            AlertRule other = cluster.client().resources(AlertRule.class).inNamespace("opsgate-globex").withName("other").get();
            assertThat(other.getStatus()).isNotNull();
            assertThat(Conditions.isTrue(other.getStatus().conditions, ConditionTypes.READY)).isTrue();
        });
    }

    @Test
    void aMonitorAimedOutsideTheGrantIsRefusedAndGetsNoEgressRuleOfItsOwn() {
        Tenant tenant = Fixtures.tenant("acme");
        tenant.getSpec().egress = new ArrayList<>(List.of(new EgressRule("0.0.0.0/0", new ArrayList<>())));
        cluster.create(tenant);
        await().atMost(WAIT).until(() -> cluster.client().namespaces().withName(NS).get() != null);
        cluster.create(http("metadata", "http://169.254.169.254/latest/meta-data/"));
        cluster.create(tcp("api-server", "10.96.0.1", 443));
        cluster.create(tcp("shop", "203.0.113.10", 443));

        await().atMost(WAIT).untilAsserted(() -> {
            Condition metadata = ready(Monitor.class, "metadata");
            assertThat(metadata.getStatus()).isEqualTo("False");
            assertThat(metadata.getReason()).isEqualTo("EgressNotGranted");
            assertThat(metadata.getMessage()).startsWith("spec.http.url: ");
            assertThat(ready(Monitor.class, "api-server").getReason()).isEqualTo("EgressNotGranted");
            assertThat(ready(Monitor.class, "shop").getStatus()).isEqualTo("True");
            assertThat(compiled().monitors).extracting(m -> m.name).containsExactly("shop");
            NetworkPolicy p = cluster.client().network().v1().networkPolicies().inNamespace(NS)
                    .withName("opsgate-ingest-monitor-egress").get();
            assertThat(p).isNotNull();
            List<String> cidrs = p.getSpec().getEgress().stream().map(NetworkPolicyEgressRule::getTo)
                    .flatMap(List::stream).map(NetworkPolicyPeer::getIpBlock).filter(Objects::nonNull)
                    .map(b -> b.getCidr()).toList();
            assertThat(cidrs).contains("203.0.113.10/32").doesNotContain("169.254.169.254/32", "10.96.0.1/32");
        });
    }

    private <T extends io.fabric8.kubernetes.client.CustomResource<?, ?>> Condition ready(Class<T> kind, String name) {
        T o = cluster.client().resources(kind).inNamespace(NS).withName(name).get();
        assertThat(o.getStatus()).isNotNull();
        List<Condition> conditions = o.getStatus() instanceof io.opsgate.api.common.OpsgateStatus s ? s.conditions : List.of();
        return Conditions.find(conditions, ConditionTypes.READY).orElseThrow();
    }

    private CompiledConfig compiled() throws Exception {
        Secret s = cluster.client().secrets().inNamespace(NS).withName("opsgate-config").get();
        assertThat(s).isNotNull();
        return CompiledConfigCodec.read(Base64.getDecoder().decode(s.getData().get("config.json")));
    }

    private static Monitor http(String name, String url) {
        Monitor m = monitor(name, MonitorSpec.MonitorType.HTTP);
        m.getSpec().http = new HttpCheck();
        m.getSpec().http.url = url;
        return m;
    }

    private static Monitor tcp(String name, String host, int port) {
        Monitor m = monitor(name, MonitorSpec.MonitorType.TCP);
        m.getSpec().tcp = new TcpCheck();
        m.getSpec().tcp.host = host;
        m.getSpec().tcp.port = port;
        return m;
    }

    private static Monitor monitor(String name, MonitorSpec.MonitorType type) {
        Monitor m = new Monitor();
        m.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        m.setSpec(new MonitorSpec());
        m.getSpec().type = type;
        return m;
    }
}
