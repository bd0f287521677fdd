package io.opsgate.operator.tenant.model;

import java.util.Objects;

/**
 * What the platform team sets once for every tenant, through the operator's environment (the chart's values):
 * the engine image, the namespace whose Prometheus may scrape the workloads' metrics, and the template of a
 * tenant's external URL when its Tenant names none.
 *
 * @param engineImage         the image of the ingest and notify containers
 * @param monitoringNamespace the namespace whose pods may reach the metrics port (9090); null: none
 * @param externalUrlTemplate e.g. {@code https://opsgate.example.com/{tenant}}; {@code {tenant}} and
 *                            {@code {namespace}} are replaced; null: no default
 */
public record TenantPlatform(String engineImage, String monitoringNamespace, String externalUrlTemplate) {

    public TenantPlatform {
        Objects.requireNonNull(engineImage, "engineImage");
    }

    /** Only an engine image: no scraping allowed, no default external URL. */
    public static TenantPlatform of(String engineImage) {
        return new TenantPlatform(engineImage, null, null);
    }

    /** The external URL of a tenant: its own, else the template filled in, else null (no ticket links). */
    public String externalUrl(String tenant, String namespace, String own) {
        if (own != null && !own.isBlank()) {
            return own.strip();
        }
        if (externalUrlTemplate == null || externalUrlTemplate.isBlank()) {
            return null;
        }
        return externalUrlTemplate.strip().replace("{tenant}", tenant).replace("{namespace}", namespace);
    }
}
