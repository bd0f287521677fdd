package io.opsgate.operator.tenant.model;

/**
 * One address and port of the Kubernetes API server, as the {@code kubernetes} Service's EndpointSlices in
 * namespace {@code default} list them. NetworkPolicies see traffic after the Service's address is translated,
 * so an egress rule to the API server names these, not the Service's ClusterIP.
 *
 * @param address an IPv4 or IPv6 address
 * @param port    the API server's port (6443 on most clusters)
 */
public record ApiServerEndpoint(String address, int port) {

    /** The address as a single-host CIDR. */
    public String cidr() {
        return address.contains(":") ? address + "/128" : address + "/32";
    }
}
