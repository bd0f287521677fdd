package io.opsgate.operator.tenant.model;

/**
 * Where a monitor connects to.
 *
 * @param host     an IP literal or a host name, as the monitor names it
 * @param cidr     the host as a /32 or /128 block when it is an IP literal, else null
 * @param port     the destination port
 * @param protocol TCP or UDP
 */
public record MonitorTarget(String host, String cidr, int port, String protocol) {

    /** Whether the target is named by a host name, whose addresses a NetworkPolicy cannot know. */
    public boolean byName() {
        return cidr == null;
    }
}
