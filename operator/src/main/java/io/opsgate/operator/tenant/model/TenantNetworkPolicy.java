package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.function.Function;

/**
 * The NetworkPolicies of a tenant namespace: deny everything, then allow exactly the paths of the
 * contract (docs/architecture.md): sources to ingest, ingest to notify, notify to the Tenant's egress,
 * ingest to its monitors' targets and the API server, the monitoring namespace to the metrics port, DNS for both. NetworkPolicies are additive, so each allow stands alone and can be read alone.
 */
public enum TenantNetworkPolicy {
    DEFAULT_DENY("opsgate-default-deny", TenantNetworkPolicyBuilder::defaultDeny),
    INGEST_INGRESS("opsgate-ingest-ingress", TenantNetworkPolicyBuilder::ingestIngress),
    NOTIFY_INGRESS("opsgate-notify-ingress", TenantNetworkPolicyBuilder::notifyIngress),
    INGEST_EGRESS("opsgate-ingest-egress", TenantNetworkPolicyBuilder::ingestEgress),
    NOTIFY_EGRESS("opsgate-notify-egress", TenantNetworkPolicyBuilder::notifyEgress),
    INGEST_MONITOR_EGRESS("opsgate-ingest-monitor-egress", TenantNetworkPolicyBuilder::ingestMonitorEgress),
    INGEST_APISERVER_EGRESS("opsgate-ingest-apiserver-egress", TenantNetworkPolicyBuilder::ingestApiServerEgress),
    METRICS_INGRESS("opsgate-metrics-ingress", TenantNetworkPolicyBuilder::metricsIngress);

    private final String objectName;
    private final Function<DesiredTenant, NetworkPolicy> builder;

    TenantNetworkPolicy(String objectName, Function<DesiredTenant, NetworkPolicy> builder) {
        this.objectName = objectName;
        this.builder = builder;
    }

    public String objectName() {
        return objectName;
    }

    public NetworkPolicy build(DesiredTenant d) {
        return builder.apply(d);
    }
}
