package io.opsgate.operator.tenant.dependent;

import io.opsgate.operator.tenant.model.TenantNetworkPolicy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/** One of the tenant's NetworkPolicies, matched exactly: a rule added by hand is removed. */
public final class NetworkPolicyDependentResource extends TenantDependentResource<NetworkPolicy> {
    public NetworkPolicyDependentResource(TenantNetworkPolicy which) {
        super(NetworkPolicy.class, which.objectName(), which::build, true);
    }
}
