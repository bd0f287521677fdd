package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlockBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.opsgate.api.v1alpha1.EgressRule;
import io.opsgate.api.v1alpha1.IngestExposeSpec;
import io.opsgate.operator.common.Labels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the tenant's NetworkPolicies. Every field the API server would default (port protocol,
 * policyTypes) is set explicitly, so that the operator's value-equality drift check compares like with
 * like and does not rewrite a policy on every reconcile.
 */
public final class TenantNetworkPolicyBuilder {

    static final String INGRESS = "Ingress";
    static final String EGRESS = "Egress";
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    static final int DNS_PORT = 53;

    private TenantNetworkPolicyBuilder() {
    }

    /** Selects every pod of the namespace and allows nothing in or out. */
    static NetworkPolicy defaultDeny(DesiredTenant d) {
        return policy(d, TenantNetworkPolicy.DEFAULT_DENY, new LabelSelector(), List.of(INGRESS, EGRESS), List.of(), List.of());
    }

    /**
     * Ingest accepts its HTTPS and SMTP ports from the Tenant's CIDRs and from pods of its allowed
     * namespaces; when it is exposed through a gateway or ingress controller, that controller's pods may reach
     * its HTTPS port too. With no source at all, no rule is written: an ingress rule without {@code from} would
     * admit every source. The metrics port is {@link #metricsIngress}'s alone.
     */
    static NetworkPolicy ingestIngress(DesiredTenant d) {
        List<NetworkPolicyPeer> from = new ArrayList<>();
        for (String cidr : d.spec().ingest.allowedCidrs) {
            from.add(new NetworkPolicyPeerBuilder().withIpBlock(new IPBlockBuilder().withCidr(cidr).build()).build());
        }
        List<String> namespaces = d.spec().ingest.allowedNamespaces;
        if (!namespaces.isEmpty()) {
            from.add(namespacePeer(namespaces));
        }
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        if (!from.isEmpty()) {
            rules.add(new NetworkPolicyIngressRuleBuilder()
                    .withFrom(from)
                    .withPorts(tcp(Workload.INGEST.httpPort()), tcp(Workload.SMTP_PORT))
                    .build());
        }
        IngestExposeSpec expose = d.spec().ingest.expose;
        if (expose != null && expose.controllerNamespace != null && TenantExposureBuilder.throughController(expose)) {
            rules.add(new NetworkPolicyIngressRuleBuilder()
                    .withFrom(namespacePeer(List.of(expose.controllerNamespace)))
                    .withPorts(tcp(Workload.INGEST.httpPort()))
                    .build());
        }
        return policy(d, TenantNetworkPolicy.INGEST_INGRESS, pods(d, Workload.INGEST), List.of(INGRESS), rules, List.of());
    }

    /**
     * The metrics port (9090) of ingest and notify, from pods of the monitoring namespace the platform names
     * (the chart's {@code monitoring.namespace}) and nothing else; none named, no rule.
     */
    static NetworkPolicy metricsIngress(DesiredTenant d) {
        String monitoring = d.platform().monitoringNamespace();
        List<NetworkPolicyIngressRule> rules = monitoring == null || monitoring.isBlank() ? List.of()
                : List.of(new NetworkPolicyIngressRuleBuilder()
                        .withFrom(namespacePeer(List.of(monitoring)))
                        .withPorts(tcp(TenantDeploymentBuilder.METRICS_PORT))
                        .build());
        LabelSelector workloads = new LabelSelectorBuilder()
                .withMatchLabels(Map.of(Labels.NAME, Labels.APP, Labels.TENANT, d.tenantName()))
                .withMatchExpressions(new LabelSelectorRequirementBuilder().withKey(Labels.COMPONENT).withOperator("In")
                        .withValues(Workload.INGEST.component(), Workload.NOTIFY.component()).build())
                .build();
        return policy(d, TenantNetworkPolicy.METRICS_INGRESS, workloads, List.of(INGRESS), rules, List.of());
    }

    /**
     * Ingest reaches the Kubernetes API server (to create OpsJobRuns and write Monitor status) at the addresses
     * the {@code kubernetes} Service's EndpointSlices list, only while the tenant has Monitors or triggered
     * OpsJobs; otherwise the policy allows nothing. Notify never reaches the API server.
     */
    static NetworkPolicy ingestApiServerEgress(DesiredTenant d) {
        Map<String, List<NetworkPolicyPort>> byCidr = new TreeMap<>();
        for (ApiServerEndpoint e : d.reach().apiServer()) {
            List<NetworkPolicyPort> ports = byCidr.computeIfAbsent(e.cidr(), k -> new ArrayList<>());
            NetworkPolicyPort p = tcp(e.port());
            if (!ports.contains(p)) {
                ports.add(p);
            }
        }
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        byCidr.forEach((cidr, ports) -> rules.add(new NetworkPolicyEgressRuleBuilder()
                .withTo(new NetworkPolicyPeerBuilder().withIpBlock(new IPBlockBuilder().withCidr(cidr).build()).build())
                .withPorts(ports)
                .build()));
        return policy(d, TenantNetworkPolicy.INGEST_APISERVER_EGRESS, pods(d, Workload.INGEST), List.of(EGRESS),
                List.of(), rules);
    }

    private static NetworkPolicyPeer namespacePeer(List<String> namespaces) {
        return new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(new LabelSelectorBuilder()
                        .withMatchExpressions(new LabelSelectorRequirementBuilder()
                                .withKey(NAMESPACE_NAME_LABEL).withOperator("In").withValues(namespaces).build())
                        .build())
                .build();
    }

    /** Notify is reached by ingest pods of the same namespace only, on its HTTP port. */
    static NetworkPolicy notifyIngress(DesiredTenant d) {
        NetworkPolicyIngressRule rule = new NetworkPolicyIngressRuleBuilder()
                .withFrom(new NetworkPolicyPeerBuilder().withPodSelector(pods(d, Workload.INGEST)).build())
                .withPorts(tcp(Workload.NOTIFY.httpPort()))
                .build();
        return policy(d, TenantNetworkPolicy.NOTIFY_INGRESS, pods(d, Workload.NOTIFY), List.of(INGRESS), List.of(rule), List.of());
    }

    /** Ingest reaches notify and DNS, nothing else. */
    static NetworkPolicy ingestEgress(DesiredTenant d) {
        NetworkPolicyEgressRule toNotify = new NetworkPolicyEgressRuleBuilder()
                .withTo(new NetworkPolicyPeerBuilder().withPodSelector(pods(d, Workload.NOTIFY)).build())
                .withPorts(tcp(Workload.NOTIFY.httpPort()))
                .build();
        return policy(d, TenantNetworkPolicy.INGEST_EGRESS, pods(d, Workload.INGEST), List.of(EGRESS), List.of(),
                List.of(toNotify, dns()));
    }

    /** Notify reaches the destinations the Tenant allows (spec.egress) and DNS. */
    static NetworkPolicy notifyEgress(DesiredTenant d) {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>(tenantEgress(d));
        rules.add(dns());
        return policy(d, TenantNetworkPolicy.NOTIFY_EGRESS, pods(d, Workload.NOTIFY), List.of(EGRESS), List.of(), rules);
    }

    /** The Tenant's allowed egress (spec.egress) as egress rules. */
    private static List<NetworkPolicyEgressRule> tenantEgress(DesiredTenant d) {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        for (EgressRule e : d.spec().egress) {
            NetworkPolicyEgressRuleBuilder rule = new NetworkPolicyEgressRuleBuilder()
                    .withTo(new NetworkPolicyPeerBuilder()
                            .withIpBlock(new IPBlockBuilder().withCidr(e.cidr)
                                    .withExcept(e.except == null ? List.of() : e.except).build())
                            .build());
            if (e.ports != null) {
                e.ports.forEach(p -> rule.addToPorts(tcp(p)));
            }
            rules.add(rule.build());
        }
        return rules;
    }

    /**
     * Ingest reaches what its monitors check, and nothing more: each IP target on its port and protocol; for
     * targets named by host name, whose addresses a policy cannot know, the Tenant's allowed egress
     * (spec.egress). Without monitors the policy allows nothing.
     */
    static NetworkPolicy ingestMonitorEgress(DesiredTenant d) {
        Map<String, List<NetworkPolicyPort>> byCidr = new TreeMap<>();
        boolean byName = false;
        for (MonitorTarget t : d.monitorTargets()) {
            if (t.byName()) {
                byName = true;
                continue;
            }
            List<NetworkPolicyPort> ports = byCidr.computeIfAbsent(t.cidr(), k -> new ArrayList<>());
            NetworkPolicyPort p = port(t.protocol(), t.port());
            if (!ports.contains(p)) {
                ports.add(p);
            }
        }
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        byCidr.forEach((cidr, ports) -> rules.add(new NetworkPolicyEgressRuleBuilder()
                .withTo(new NetworkPolicyPeerBuilder().withIpBlock(new IPBlockBuilder().withCidr(cidr).build()).build())
                .withPorts(ports)
                .build()));
        if (byName) {
            rules.addAll(tenantEgress(d));
        }
        return policy(d, TenantNetworkPolicy.INGEST_MONITOR_EGRESS, pods(d, Workload.INGEST), List.of(EGRESS), List.of(),
                rules);
    }

    /** Name resolution: UDP and TCP 53 to the cluster DNS pods in kube-system. */
    static NetworkPolicyEgressRule dns() {
        return new NetworkPolicyEgressRuleBuilder()
                .withTo(new NetworkPolicyPeerBuilder()
                        .withNamespaceSelector(new LabelSelectorBuilder()
                                .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, "kube-system")).build())
                        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("k8s-app", "kube-dns")).build())
                        .build())
                .withPorts(port("UDP", DNS_PORT), port("TCP", DNS_PORT))
                .build();
    }

    static LabelSelector pods(DesiredTenant d, Workload workload) {
        return new LabelSelectorBuilder().withMatchLabels(Labels.selector(d.tenantName(), workload.component())).build();
    }

    static NetworkPolicyPort tcp(int port) {
        return port("TCP", port);
    }

    static NetworkPolicyPort port(String protocol, int port) {
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(port)).build();
    }

    private static NetworkPolicy policy(DesiredTenant d, TenantNetworkPolicy which, LabelSelector podSelector,
                                        List<String> policyTypes, List<NetworkPolicyIngressRule> ingress,
                                        List<NetworkPolicyEgressRule> egress) {
        return new NetworkPolicyBuilder()
                .withMetadata(d.meta(which.objectName(), "network-policy"))
                .withNewSpec()
                .withPodSelector(podSelector)
                .withPolicyTypes(policyTypes)
                .withIngress(ingress)
                .withEgress(egress)
                .endSpec()
                .build();
    }
}
