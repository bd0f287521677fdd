package io.opsgate.engine.egress;

import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.egress.EgressPolicy;

/** The gate of a tenant's compiled configuration: its spec.egress under the guard the compiler checked with. */
public final class EgressGates {
    private EgressGates() {
    }

    /** @param resolver how host names resolve (the system's; tests give their own) */
    public static EgressGate of(CompiledConfig config, EgressGate.Resolver resolver) {
        return new EgressGate(EgressPolicy.of(config.tenant,
                config.tenantSpec == null ? null : config.tenantSpec.egress, config.egressGuard), resolver);
    }
}
