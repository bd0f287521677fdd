package io.opsgate.api.config;

import io.opsgate.api.v1alpha1.EgressRule;
import io.opsgate.api.validation.Cidrs;
import io.opsgate.api.validation.Reasons;
import io.opsgate.api.validation.ValidationResult;

import java.util.List;

/**
 * Whether an OpsJob's egress lies within what its Tenant grants: the Tenant (the platform team's object)
 * decides where the tenant's pods may connect, the OpsJob (the tenant's object) can only narrow it. A rule is
 * granted when one Tenant rule's block contains its block, none of that rule's exceptions overlaps it, and the
 * Tenant rule allows every port the job asks for (no ports = all ports on both sides).
 */
public final class EgressGrants {

    private EgressGrants() {
    }

    /** Adds an EgressNotGranted problem per job rule outside the grant; malformed rules are the validator's. */
    public static void check(List<EgressRule> asked, List<EgressRule> granted, ValidationResult r) {
        for (int i = 0; asked != null && i < asked.size(); i++) {
            EgressRule a = asked.get(i);
            if (a == null || a.cidr == null) {
                continue;
            }
            try {
                if (!granted(a, granted == null ? List.of() : granted)) {
                    r.add("spec.egress[" + i + "]", Reasons.EGRESS_NOT_GRANTED, a.cidr
                            + (a.ports == null || a.ports.isEmpty() ? " (all ports)" : " ports " + a.ports)
                            + " is not within the Tenant's spec.egress; the platform team grants egress there");
                }
            } catch (IllegalArgumentException e) {
                // the validator names a malformed CIDR
            }
        }
    }

    static boolean granted(EgressRule asked, List<EgressRule> granted) {
        Cidrs.Block block = Cidrs.parse(asked.cidr);
        for (EgressRule g : granted) {
            if (g == null || g.cidr == null) {
                continue;
            }
            Cidrs.Block grant = Cidrs.parse(g.cidr);
            boolean inside = grant.prefix() <= block.prefix() && contains(grant, block);
            boolean excepted = g.except != null && g.except.stream().map(Cidrs::parse)
                    .anyMatch(x -> contains(x, block) || contains(block, x));
            boolean ports = g.ports == null || g.ports.isEmpty()
                    || (asked.ports != null && !asked.ports.isEmpty() && g.ports.containsAll(asked.ports));
            if (inside && !excepted && ports) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code outer} contains the network address of {@code inner} (same family). */
    private static boolean contains(Cidrs.Block outer, Cidrs.Block inner) {
        try {
            return outer.contains(java.net.InetAddress.getByAddress(inner.network()));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
