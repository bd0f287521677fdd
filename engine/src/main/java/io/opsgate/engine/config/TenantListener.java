package io.opsgate.engine.config;

import io.opsgate.engine.tenant.TenantRuntime;

/**
 * Told when a tenant's configuration is installed (at start and on every reload) and when the tenant
 * stops running. Features that follow the configuration outside the pipeline (monitors, jobs) listen.
 * Calls come from the configuration thread and must return quickly.
 */
public interface TenantListener {
    /** The tenant runs {@code tenant.config()} now; called again after each reload, with or without changes. */
    void installed(TenantRuntime tenant);

    /** The tenant is about to stop (configuration removed or engine shutdown); its lane still runs. */
    void removed(TenantRuntime tenant);
}
