package io.opsgate.webhook.arch;

import io.opsgate.testing.arch.LayerOrder;
import org.junit.jupiter.api.Test;

/** The package order of docs/architecture.md ("Modules" › webhook), as a rule: an upward import fails the build. */
class WebhookLayersTest {

    static final LayerOrder ORDER = LayerOrder.of("io.opsgate.webhook")
            .floor("")
            .floor("admission")
            .floor("cluster", "metrics", "health");

    @Test
    void eachPackageUsesOnlyThoseBelowItAndNoneFormACycle() {
        ORDER.check();
    }
}
