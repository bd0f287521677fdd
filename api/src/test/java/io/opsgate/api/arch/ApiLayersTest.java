package io.opsgate.api.arch;

import io.opsgate.testing.arch.LayerOrder;
import org.junit.jupiter.api.Test;

/** The package order of docs/architecture.md ("Modules" › api), as a rule: an upward import fails the build. */
class ApiLayersTest {

    static final LayerOrder ORDER = LayerOrder.of("io.opsgate.api")
            .floor("suspension")
            .floor("config")
            .floor("egress")
            .floor("defaults", "validation", "jobs", "oncall")
            .floor("time", "matcher", "text", "audit")
            .floor("v1alpha1", "regex")
            .floor("common");

    @Test
    void eachPackageUsesOnlyThoseBelowItAndNoneFormACycle() {
        ORDER.check();
    }
}
