package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.opsgate.api.v1alpha1.EgressRule;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Desired;
import io.opsgate.operator.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TenantNetworkPolicyBuilderTest {

    static final Map<String, String> INGEST_PODS = Map.of("app.kubernetes.io/name", "opsgate",
            "app.kubernetes.io/component", "ingest", "opsgate.io/tenant", "acme");
    static final Map<String, String> NOTIFY_PODS = Map.of("app.kubernetes.io/name", "opsgate",
            "app.kubernetes.io/component", "notify", "opsgate.io/tenant", "acme");

    @Test
    void defaultDenySelectsEveryPodAndAllowsNothing() {
        NetworkPolicy p = TenantNetworkPolicy.DEFAULT_DENY.build(Desired.acme());
        assertThat(p.getMetadata().getName()).isEqualTo("opsgate-default-deny");
        assertThat(p.getMetadata().getNamespace()).isEqualTo("opsgate-acme");
        assertThat(p.getSpec().getPodSelector().getMatchLabels()).isEmpty();
        assertThat(p.getSpec().getPodSelector().getMatchExpressions()).isEmpty();
        assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(p.getSpec().getIngress()).isEmpty();
        assertThat(p.getSpec().getEgress()).isEmpty();
    }

    @Test
    void ingestAcceptsOnlyTheAllowedCidrsAndNamespacesOnHttpAndSmtp() {
        NetworkPolicy p = TenantNetworkPolicy.INGEST_INGRESS.build(Desired.acme());
        assertThat(p.getSpec().getPodSelector().getMatchLabels()).isEqualTo(INGEST_PODS);
        assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(p.getSpec().getEgress()).isEmpty();
        assertThat(p.getSpec().getIngress()).hasSize(1);
        List<NetworkPolicyPeer> from = p.getSpec().getIngress().get(0).getFrom();
        assertThat(from).hasSize(2);
        assertThat(from.get(0).getIpBlock().getCidr()).isEqualTo("10.0.0.0/8");
        assertThat(from.get(0).getIpBlock().getExcept()).isEmpty();
        assertThat(from.get(0).getNamespaceSelector()).isNull();
        assertThat(from.get(0).getPodSelector()).isNull();
        assertThat(from.get(1).getIpBlock()).isNull();
        assertThat(from.get(1).getPodSelector()).isNull();
        assertThat(from.get(1).getNamespaceSelector().getMatchExpressions()).singleElement().satisfies(e -> {
            assertThat(e.getKey()).isEqualTo("kubernetes.io/metadata.name");
            assertThat(e.getOperator()).isEqualTo("In");
            assertThat(e.getValues()).containsExactly("monitoring");
        });
        assertThat(p.getSpec().getIngress().get(0).getPorts()).containsExactly(tcp(9093), tcp(2525), tcp(9090));
    }

    @Test
    void ingestWithoutAllowedSourcesHasNoRuleBecauseAnEmptyFromWouldAdmitEveryone() {
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().ingest.allowedCidrs = new ArrayList<>();
        t.getSpec().ingest.allowedNamespaces = new ArrayList<>();
        NetworkPolicy p = TenantNetworkPolicy.INGEST_INGRESS.build(Desired.of(t, List.of()));
        assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(p.getSpec().getIngress()).isEmpty();
    }

    @Test
    void notifyIsReachedOnlyByIngestPodsOnItsPort() {
        NetworkPolicy p = TenantNetworkPolicy.NOTIFY_INGRESS.build(Desired.acme());
        assertThat(p.getSpec().getPodSelector().getMatchLabels()).isEqualTo(NOTIFY_PODS);
        assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(p.getSpec().getIngress()).singleElement().satisfies(r -> {
            assertThat(r.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(INGEST_PODS);
                assertThat(peer.getNamespaceSelector()).as("same namespace only").isNull();
                assertThat(peer.getIpBlock()).isNull();
            });
            assertThat(r.getPorts()).containsExactly(tcp(9094));
        });
    }

    @Test
    void ingestReachesNotifyAndDnsOnly() {
        NetworkPolicy p = TenantNetworkPolicy.INGEST_EGRESS.build(Desired.acme());
        assertThat(p.getSpec().getPodSelector().getMatchLabels()).isEqualTo(INGEST_PODS);
        assertThat(p.getSpec().getPolicyTypes()).containsExactly("Egress");
        assertThat(p.getSpec().getIngress()).isEmpty();
        assertThat(p.getSpec().getEgress()).hasSize(2);
        NetworkPolicyEgressRule toNotify = p.getSpec().getEgress().get(0);
        assertThat(toNotify.getTo()).singleElement().satisfies(peer ->
                assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(NOTIFY_PODS));
        assertThat(toNotify.getPorts()).containsExactly(tcp(9094));
        assertDns(p.getSpec().getEgress().get(1));
    }

    @Test
    void notifyReachesTheTenantsEgressAndDnsOnly() {
        Tenant t = Fixtures.tenant("acme");
        EgressRule anyPort = new EgressRule("0.0.0.0/0", new ArrayList<>());
        anyPort.except = new ArrayList<>(List.of("10.0.0.0/8"));
        t.getSpec().egress.add(anyPort);
        NetworkPolicy p = TenantNetworkPolicy.NOTIFY_EGRESS.build(Desired.of(t, List.of()));
        assertThat(p.getSpec().getPodSelector().getMatchLabels()).isEqualTo(NOTIFY_PODS);
        assertThat(p.getSpec().getPolicyTypes()).containsExactly("Egress");
        assertThat(p.getSpec().getEgress()).hasSize(3);
        NetworkPolicyEgressRule smtpAndHttps = p.getSpec().getEgress().get(0);
        assertThat(smtpAndHttps.getTo()).singleElement().satisfies(peer -> {
            assertThat(peer.getIpBlock().getCidr()).isEqualTo("192.0.2.0/24");
            assertThat(peer.getIpBlock().getExcept()).isEmpty();
        });
        assertThat(smtpAndHttps.getPorts()).containsExactly(tcp(443), tcp(587));
        NetworkPolicyEgressRule everywhereButCluster = p.getSpec().getEgress().get(1);
        assertThat(everywhereButCluster.getTo().get(0).getIpBlock().getExcept()).containsExactly("10.0.0.0/8");
        assertThat(everywhereButCluster.getPorts()).as("no ports: every port").isEmpty();
        assertDns(p.getSpec().getEgress().get(2));
    }

    @Test
    void withoutEgressRulesNotifyReachesOnlyDns() {
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().egress = new ArrayList<>();
        NetworkPolicy p = TenantNetworkPolicy.NOTIFY_EGRESS.build(Desired.of(t, List.of()));
        assertThat(p.getSpec().getEgress()).hasSize(1);
        assertDns(p.getSpec().getEgress().get(0));
    }

    @Test
    void everyPolicyIsLabelledForTheTenant() {
        for (TenantNetworkPolicy which : TenantNetworkPolicy.values()) {
            NetworkPolicy p = which.build(Desired.acme());
            assertThat(p.getMetadata().getName()).isEqualTo(which.objectName());
            assertThat(p.getMetadata().getLabels()).containsEntry("opsgate.io/tenant", "acme")
                    .containsEntry("app.kubernetes.io/managed-by", "opsgate-operator");
        }
    }

    private static void assertDns(NetworkPolicyEgressRule dns) {
        assertThat(dns.getTo()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .isEqualTo(Map.of("kubernetes.io/metadata.name", "kube-system"));
            assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(Map.of("k8s-app", "kube-dns"));
        });
        assertThat(dns.getPorts()).containsExactly(port("UDP", 53), port("TCP", 53));
    }

    private static NetworkPolicyPort tcp(int port) {
        return port("TCP", port);
    }

    private static NetworkPolicyPort port(String protocol, int port) {
        NetworkPolicyPort p = new NetworkPolicyPort();
        p.setProtocol(protocol);
        p.setPort(new IntOrString(port));
        return p;
    }
}
