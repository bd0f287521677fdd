package io.opsgate.operator.arch;

import io.opsgate.testing.arch.LayerOrder;
import org.junit.jupiter.api.Test;

/**
 * The package order of docs/architecture.md ("Modules" › operator), as a rule: an upward import fails
 * the build. The security features plug into the Tenant reconcile through the ports {@code tenant}
 * declares; the kinds' reconcilers stand side by side and never use each other.
 */
class OperatorLayersTest {

    static final LayerOrder ORDER = LayerOrder.of("io.opsgate.operator")
            .floor("app")
            .floor("security")
            .floor("tenant", "jobs", "monitors", "rules", "channels", "sources")
            .floor("tenant.dependent")
            .floor("tenant.model")
            .floor("common")
            .floor("config");

    @Test
    void eachPackageUsesOnlyThoseBelowItAndNoneFormACycle() {
        ORDER.check();
    }
}
