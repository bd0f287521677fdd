package io.opsgate.api.egress;

import io.opsgate.api.v1alpha1.EgressRule;
import io.opsgate.api.validation.Cidrs;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a tenant's monitors and channels may connect: an address and port lie inside what the platform team
 * granted in the Tenant's {@code spec.egress}, and a guarded address (loopback, link-local with the cloud metadata
 * service, unspecified, multicast, reserved, and the cluster's networks of {@link EgressGuard}) only when a rule
 * inside its guarded range names it: {@code 0.0.0.0/0} opens the internet, never 169.254.169.254 or another
 * tenant's pod. The compiler checks IP-literal targets with it; the engine checks every resolved address at
 * connect time (and every redirect), so a host name that resolves inward is refused too. A pure function of its
 * inputs; never resolves a name.
 */
public final class EgressPolicy {
    private record Guarded(Cidrs.Block block, String cidr, String kind) {
    }

    private record Grant(Cidrs.Block block, String cidr, List<Cidrs.Block> except, Set<Integer> ports) {
        boolean covers(InetAddress address, int port) {
            return block.contains(address) && except.stream().noneMatch(x -> x.contains(address))
                    && (ports.isEmpty() || ports.contains(port));
        }
    }

    /** Always guarded, whatever the platform configured. */
    private static final List<Guarded> BUILT_IN = List.of(
            guarded("0.0.0.0/8", "unspecified"),
            guarded("127.0.0.0/8", "loopback"),
            guarded("169.254.0.0/16", "link-local (the cloud metadata service lives here)"),
            guarded("224.0.0.0/4", "multicast"),
            guarded("240.0.0.0/4", "reserved or broadcast"),
            guarded("::/128", "unspecified"),
            guarded("::1/128", "loopback"),
            guarded("::/96", "IPv4-compatible"),
            guarded("64:ff9b::/96", "NAT64"),
            guarded("fe80::/10", "link-local"),
            guarded("fec0::/10", "site-local"),
            guarded("ff00::/8", "multicast"));

    private final String tenant;
    private final List<Grant> grants;
    private final List<Guarded> guarded;
    private final boolean emptyGrant;

    private EgressPolicy(String tenant, List<Grant> grants, List<Guarded> guarded, boolean emptyGrant) {
        this.tenant = tenant;
        this.grants = grants;
        this.guarded = guarded;
        this.emptyGrant = emptyGrant;
    }

    /**
     * The policy of a tenant. Rules and networks that do not parse are skipped: the validator reports them, and a
     * rule skipped grants nothing.
     *
     * @param tenant the tenant's name, for messages
     * @param rules  the Tenant's spec.egress
     * @param guard  the platform's guarded networks and the meaning of an empty spec.egress
     */
    public static EgressPolicy of(String tenant, List<EgressRule> rules, EgressGuard guard) {
        EgressGuard g = guard == null ? new EgressGuard() : guard;
        List<Grant> grants = new ArrayList<>();
        for (EgressRule r : rules == null ? List.<EgressRule>of() : rules) {
            Grant grant = grant(r);
            if (grant != null) {
                grants.add(grant);
            }
        }
        boolean empty = rules == null || rules.isEmpty();
        if (empty && g.whenEmpty == EgressGuard.WhenEmpty.Public) {
            grants.add(grant(new EgressRule("0.0.0.0/0", List.of())));
            grants.add(grant(new EgressRule("::/0", List.of())));
        }
        List<Guarded> guarded = new ArrayList<>(BUILT_IN);
        for (String n : g.clusterNetworks == null ? List.<String>of() : g.clusterNetworks) {
            try {
                guarded.add(guarded(n, "cluster network"));
            } catch (IllegalArgumentException e) {
                // reported where the setting is read
            }
        }
        // The most specific range first, so a message names the narrowest one.
        guarded.sort(Comparator.comparingInt((Guarded x) -> -x.block.prefix()));
        return new EgressPolicy(tenant, List.copyOf(grants), List.copyOf(guarded), empty);
    }

    /**
     * Why a connection to {@code address:port} is refused, or null when the policy allows it. Every reason names
     * {@code spec.egress}, so a status message says where to change it.
     */
    public String refusal(InetAddress address, int port) {
        List<Grant> covering = grants.stream().filter(g -> g.covers(address, port)).toList();
        String target = format(address) + ":" + port;
        if (covering.isEmpty()) {
            if (emptyGrant && grants.isEmpty()) {
                return target + " is refused: Tenant " + tenant + " grants no egress (spec.egress is empty)";
            }
            return target + " is outside the egress Tenant " + tenant + " is granted (spec.egress)";
        }
        List<Guarded> containing = guarded.stream().filter(x -> x.block.contains(address)).toList();
        if (containing.isEmpty()) {
            return null;
        }
        for (Grant g : covering) {
            for (Guarded x : containing) {
                if (inside(g.block, x.block)) {
                    return null;
                }
            }
        }
        Guarded narrowest = containing.get(0);
        return target + " is a " + narrowest.kind + " address (" + narrowest.cidr + "): only an entry of spec.egress of "
                + "Tenant " + tenant + " inside " + narrowest.cidr + " opens it, not " + covering.get(0).cidr;
    }

    /**
     * As {@link #refusal(InetAddress, int)} for a host as a target names it: an IP literal is checked, a host name
     * is the engine's to resolve and check at connect time (null here), except {@code localhost}, which is loopback
     * wherever it is resolved.
     */
    public String refusalOfLiteral(String host, int port) {
        if (host == null || host.isBlank()) {
            return null;
        }
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        String lower = h.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("localhost") || lower.endsWith(".localhost") || lower.equals("localhost.")) {
            return refusal(Cidrs.address("127.0.0.1"), port);
        }
        InetAddress literal;
        try {
            literal = Cidrs.address(h);
        } catch (IllegalArgumentException aName) {
            return null;
        }
        return refusal(literal, port);
    }

    private static boolean inside(Cidrs.Block rule, Cidrs.Block range) {
        return rule.network().length == range.network().length && rule.prefix() >= range.prefix()
                && range.contains(address(rule.network()));
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String format(InetAddress a) {
        String s = a.getHostAddress();
        return s.contains(":") ? "[" + s + "]" : s;
    }

    private static Guarded guarded(String cidr, String kind) {
        return new Guarded(Cidrs.parse(cidr), cidr, kind);
    }

    private static Grant grant(EgressRule r) {
        if (r == null || r.cidr == null) {
            return null;
        }
        try {
            List<Cidrs.Block> except = new ArrayList<>();
            for (String x : r.except == null ? List.<String>of() : r.except) {
                except.add(Cidrs.parse(x));
            }
            return new Grant(Cidrs.parse(r.cidr), r.cidr.trim(), except,
                    new HashSet<>(r.ports == null ? List.of() : r.ports));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "EgressPolicy" + Arrays.toString(grants.stream().map(Grant::cidr).toArray());
    }
}
