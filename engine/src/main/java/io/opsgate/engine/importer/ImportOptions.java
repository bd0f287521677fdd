package io.opsgate.engine.importer;

/**
 * How imported objects are named and placed.
 *
 * @param tenant    the opsgate tenant the objects are for
 * @param namespace the tenant's namespace, {@code opsgate-<tenant>} unless the Tenant says otherwise
 * @param prefix    the start of every object name, so imported objects are told apart and cannot clash
 * @param order     the evaluation order of the imported top-level rule among the tenant's other rules
 */
public record ImportOptions(String tenant, String namespace, String prefix, int order) {

    /** The defaults for a tenant: namespace {@code opsgate-<tenant>}, prefix {@code am}, order 1000. */
    public static ImportOptions forTenant(String tenant) {
        return new ImportOptions(tenant, "opsgate-" + tenant, "am", 1000);
    }
}
