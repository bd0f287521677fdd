package io.opsgate.api.egress;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/**
 * The platform's side of egress that no Tenant sets: which networks count as the cluster's (its service and pod
 * ranges, and by default every private range), and what an empty {@code spec.egress} means. The operator takes it
 * from its settings (chart value {@code clusterNetworks}), standalone from {@code --cluster-networks}; both write
 * it into the compiled configuration, so the engine applies exactly what the compiler checked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EgressGuard {
    /** Private and shared address space: a cluster's pod and service ranges lie in these unless told otherwise. */
    public static final List<String> PRIVATE_NETWORKS = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "fc00::/7");

    /** What an empty {@code spec.egress} allows. */
    public enum WhenEmpty {
        /** Nothing: in a cluster, the NetworkPolicies allow nothing either. */
        None,
        /** Every address outside the guarded networks: standalone, where no NetworkPolicy exists. */
        Public
    }

    /** CIDRs reachable only through a Tenant's egress rule inside them (besides loopback, link-local, ...). */
    public List<String> clusterNetworks = new ArrayList<>(PRIVATE_NETWORKS);

    public WhenEmpty whenEmpty = WhenEmpty.None;

    public EgressGuard() {
    }

    public EgressGuard(List<String> clusterNetworks, WhenEmpty whenEmpty) {
        this.clusterNetworks = new ArrayList<>(clusterNetworks);
        this.whenEmpty = whenEmpty;
    }

    /** In a cluster: {@code clusterNetworks} guarded, an empty spec.egress allows nothing. */
    public static EgressGuard cluster(List<String> clusterNetworks) {
        return new EgressGuard(clusterNetworks, WhenEmpty.None);
    }

    /** Standalone: {@code clusterNetworks} guarded, an empty spec.egress allows the public internet. */
    public static EgressGuard standalone(List<String> clusterNetworks) {
        return new EgressGuard(clusterNetworks, WhenEmpty.Public);
    }
}
