package io.opsgate.engine.tenant;

/**
 * A feature that runs per tenant, plugged into the one tenant lifecycle ({@link TenantRegistry#plug}): its
 * part for a tenant starts when the tenant starts, hears of every configuration installed, and stops when
 * the tenant stops. A component gets its collaborators when it is built and the tenant here; nothing looks
 * either up later. Calls come from the configuration thread (or a purge) and must return quickly.
 */
@FunctionalInterface
public interface TenantComponent {
    /**
     * The tenant starts: its state is loaded and its first configuration installed.
     *
     * @return this component's part for the tenant
     */
    Part start(TenantRuntime tenant);

    /** Why a tenant stops. */
    enum Stop {
        /** Its configuration went away: a part resolves what it raised (a monitor's firing alert). */
        REMOVED,
        /** The engine shuts down or the tenant is purged: a part stops and leaves its alerts as they are. */
        SHUTDOWN
    }

    /** A component's part for one tenant. */
    @FunctionalInterface
    interface Part {
        /** A configuration was installed again (each reload, changed or not); {@code tenant.config()} is the new one. */
        default void reconfigured() {
        }

        /** The tenant stops; the tenant's lane and store still work during the call. */
        void stop(Stop why);
    }
}
