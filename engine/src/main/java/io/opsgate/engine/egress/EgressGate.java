package io.opsgate.engine.egress;

import io.opsgate.api.egress.EgressPolicy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One tenant's egress, as the engine enforces it at connect time: a host is resolved here, every address is
 * checked against the tenant's {@link EgressPolicy}, and the connection is made to an address that passed, never to
 * a name resolved again later (so DNS cannot answer differently in between). A name whose every address is refused
 * is refused; of a name with some allowed addresses (an IPv6 one the grant does not cover) the allowed are used.
 */
public final class EgressGate {
    /** Resolves a host name; tests replace the system resolver. */
    @FunctionalInterface
    public interface Resolver {
        /** The system's resolver. */
        Resolver SYSTEM = InetAddress::getAllByName;

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final EgressPolicy policy;
    private final Resolver resolver;

    public EgressGate(EgressPolicy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /** With the system resolver. */
    public static EgressGate of(EgressPolicy policy) {
        return new EgressGate(policy, Resolver.SYSTEM);
    }

    /**
     * The address to connect to for {@code host:port}. Blocks while the name resolves.
     *
     * @throws EgressRefusedException when no address of the host is allowed
     * @throws UnknownHostException   when the name does not resolve
     */
    public InetAddress resolve(String host, int port) throws IOException {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.resolve(h);
        String first = null;
        for (InetAddress a : addresses) {
            String refusal = policy.refusal(a, port);
            if (refusal == null) {
                return a;
            }
            if (first == null) {
                first = refusal;
            }
        }
        throw new EgressRefusedException(h + ": " + (first == null ? "resolves to no address" : first));
    }

    /**
     * Checks an address already resolved (by a library that resolves on its own).
     *
     * @throws EgressRefusedException when the policy refuses it
     */
    public void check(InetAddress address, int port) throws EgressRefusedException {
        String refusal = policy.refusal(address, port);
        if (refusal != null) {
            throw new EgressRefusedException(refusal);
        }
    }
}
