package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.opsgate.api.v1alpha1.EgressRule;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.security.OperatorAccessPolicy;
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
    void ingestAcceptsOnlyTheAllowedCidrsAndNamespacesOnHttpsAndSmtp() {
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
        assertThat(p.getSpec().getIngress().get(0).getPorts()).as("metrics is opsgate-metrics-ingress' alone")
                .containsExactly(tcp(9093), tcp(2525));
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
    void ingestReachesTheIpTargetsOfItsMonitorsOnTheirPortsAndNamedOnesThroughTheTenantsEgress() {
        List<MonitorTarget> targets = List.of(
                new MonitorTarget("203.0.113.7", "203.0.113.7/32", 443, "TCP"),
                new MonitorTarget("203.0.113.7", "203.0.113.7/32", 8443, "TCP"),
                new MonitorTarget("198.51.100.53", "198.51.100.53/32", 53, "UDP"));
        NetworkPolicy ipsOnly = TenantNetworkPolicy.INGEST_MONITOR_EGRESS.build(Desired.acme().withMonitorTargets(targets));
        assertThat(ipsOnly.getMetadata().getName()).isEqualTo("opsgate-ingest-monitor-egress");
        assertThat(ipsOnly.getSpec().getPodSelector().getMatchLabels()).isEqualTo(INGEST_PODS);
        assertThat(ipsOnly.getSpec().getPolicyTypes()).containsExactly("Egress");
        assertThat(ipsOnly.getSpec().getEgress()).extracting(r -> r.getTo().get(0).getIpBlock().getCidr())
                .containsExactly("198.51.100.53/32", "203.0.113.7/32");
        assertThat(ipsOnly.getSpec().getEgress().get(0).getPorts()).containsExactly(port("UDP", 53));
        assertThat(ipsOnly.getSpec().getEgress().get(1).getPorts()).containsExactly(tcp(443), tcp(8443));

        List<MonitorTarget> withName = new ArrayList<>(targets);
        withName.add(new MonitorTarget("shop.example", null, 443, "TCP"));
        NetworkPolicy named = TenantNetworkPolicy.INGEST_MONITOR_EGRESS.build(Desired.acme().withMonitorTargets(withName));
        assertThat(named.getSpec().getEgress()).hasSize(3);
        assertThat(named.getSpec().getEgress().get(2).getTo().get(0).getIpBlock().getCidr())
                .as("the Tenant's allowed egress").isEqualTo("192.0.2.0/24");

        NetworkPolicy none = TenantNetworkPolicy.INGEST_MONITOR_EGRESS.build(Desired.acme());
        assertThat(none.getSpec().getEgress()).as("without monitors nothing more is allowed").isEmpty();
    }

    @Test
    void theOperatorsPodsAloneReachEachWorkloadsInternalApi() {
        Map<Workload, Integer> ports = Map.of(Workload.INGEST, 9093, Workload.NOTIFY, 9094);
        for (Workload w : Workload.values()) {
            NetworkPolicy p = OperatorAccessPolicy.build(Desired.acme(), w, "opsgate-system");
            assertThat(p.getMetadata().getName()).isEqualTo("opsgate-operator-" + w.component());
            assertThat(p.getMetadata().getNamespace()).isEqualTo("opsgate-acme");
            assertThat(p.getSpec().getPodSelector().getMatchLabels()).isEqualTo(w == Workload.INGEST ? INGEST_PODS : NOTIFY_PODS);
            assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress");
            assertThat(p.getSpec().getEgress()).isEmpty();
            assertThat(p.getSpec().getIngress()).singleElement().satisfies(rule -> {
                assertThat(rule.getPorts()).containsExactly(tcp(ports.get(w)));
                assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                    assertThat(peer.getIpBlock()).isNull();
                    assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(Map.of("app.kubernetes.io/name", "opsgate",
                            "app.kubernetes.io/component", "operator"));
                    assertThat(peer.getNamespaceSelector().getMatchExpressions()).singleElement().satisfies(e -> {
                        assertThat(e.getKey()).isEqualTo("kubernetes.io/metadata.name");
                        assertThat(e.getValues()).containsExactly("opsgate-system");
                    });
                });
            });
        }
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

    @Test
    void metricsPortOfBothWorkloadsIsOpenToTheMonitoringNamespaceOnly() {
        Tenant t = Fixtures.tenant("acme");
        DesiredTenant d = Desired.of(t, List.of(), new TenantPlatform("img", "prometheus", null));
        NetworkPolicy p = TenantNetworkPolicy.METRICS_INGRESS.build(d);
        assertThat(p.getMetadata().getName()).isEqualTo("opsgate-metrics-ingress");
        assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(p.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(Map.of("app.kubernetes.io/name", "opsgate", "opsgate.io/tenant", "acme"));
        assertThat(p.getSpec().getPodSelector().getMatchExpressions()).singleElement().satisfies(e -> {
            assertThat(e.getKey()).isEqualTo("app.kubernetes.io/component");
            assertThat(e.getValues()).containsExactly("ingest", "notify");
        });
        assertThat(p.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).containsExactly(tcp(9090));
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getIpBlock()).isNull();
                assertThat(peer.getPodSelector()).isNull();
                assertThat(peer.getNamespaceSelector().getMatchExpressions().get(0).getValues()).containsExactly("prometheus");
            });
        });
        assertThat(TenantNetworkPolicy.METRICS_INGRESS.build(Desired.acme()).getSpec().getIngress())
                .as("no monitoring namespace named: nobody scrapes").isEmpty();
    }

    @Test
    void ingestReachesTheApiServerEndpointsOnTheirPortsAndNothingWhenNotNeeded() {
        DesiredTenant d = Desired.acme().withReach(new IngestReach(List.of(), List.of(
                new ApiServerEndpoint("172.18.0.2", 6443), new ApiServerEndpoint("172.18.0.3", 6443),
                new ApiServerEndpoint("fd00::1", 6443))));
        NetworkPolicy p = TenantNetworkPolicy.INGEST_APISERVER_EGRESS.build(d);
        assertThat(p.getMetadata().getName()).isEqualTo("opsgate-ingest-apiserver-egress");
        assertThat(p.getSpec().getPodSelector().getMatchLabels()).isEqualTo(INGEST_PODS);
        assertThat(p.getSpec().getPolicyTypes()).containsExactly("Egress");
        assertThat(p.getSpec().getEgress()).extracting(r -> r.getTo().get(0).getIpBlock().getCidr())
                .containsExactly("172.18.0.2/32", "172.18.0.3/32", "fd00::1/128");
        assertThat(p.getSpec().getEgress()).allSatisfy(r -> assertThat(r.getPorts()).containsExactly(tcp(6443)));
        assertThat(TenantNetworkPolicy.INGEST_APISERVER_EGRESS.build(Desired.acme()).getSpec().getEgress()).isEmpty();
        assertThat(TenantNetworkPolicy.NOTIFY_EGRESS.build(d).getSpec().getEgress())
                .as("notify never reaches the API server")
                .noneSatisfy(r -> assertThat(String.valueOf(r.getTo().get(0).getIpBlock())).contains("172.18.0.2"));
    }

    @Test
    void anIngressControllerNamespaceReachesOnlyTheHttpsPortWhenIngestIsExposedThroughIt() {
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().ingest.expose = new io.opsgate.api.v1alpha1.IngestExposeSpec();
        t.getSpec().ingest.expose.type = io.opsgate.api.v1alpha1.IngestExposeSpec.ExposeType.Ingress;
        t.getSpec().ingest.expose.hostname = "alerts.acme.example";
        t.getSpec().ingest.expose.controllerNamespace = "ingress-nginx";
        NetworkPolicy p = TenantNetworkPolicy.INGEST_INGRESS.build(Desired.of(t, List.of()));
        assertThat(p.getSpec().getIngress()).hasSize(2);
        assertThat(p.getSpec().getIngress().get(1).getPorts()).containsExactly(tcp(9093));
        assertThat(p.getSpec().getIngress().get(1).getFrom()).singleElement().satisfies(peer ->
                assertThat(peer.getNamespaceSelector().getMatchExpressions().get(0).getValues()).containsExactly("ingress-nginx"));
        t.getSpec().ingest.expose.type = io.opsgate.api.v1alpha1.IngestExposeSpec.ExposeType.LoadBalancer;
        assertThat(TenantNetworkPolicy.INGEST_INGRESS.build(Desired.of(t, List.of())).getSpec().getIngress())
                .as("a LoadBalancer keeps the client address: only the allow lists").hasSize(1);
    }
}
