package io.opsgate.operator.support;

import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.config.ChannelSecret;
import io.opsgate.operator.config.TenantCompiler;
import io.opsgate.operator.tenant.model.DesiredTenant;
import io.opsgate.operator.tenant.model.TenantPlatform;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A DesiredTenant for builder tests, from the test fixture tenant with defaults applied. */
public final class Desired {

    private Desired() {
    }

    public static DesiredTenant of(Tenant tenant, List<ChannelSecret> secrets) {
        return of(tenant, secrets, TenantPlatform.of("registry.example/opsgate/engine:1.0"));
    }

    /** With the platform's settings (monitoring namespace, external URL template). */
    public static DesiredTenant of(Tenant tenant, List<ChannelSecret> secrets, TenantPlatform platform) {
        return DesiredTenant.beforeCompilation(tenant.getMetadata().getName(), tenant.namespaceName(),
                        TenantCompiler.defaultedSpec(tenant), platform)
                .withConfig("{}".getBytes(StandardCharsets.UTF_8), "abc123", secrets);
    }

    /** With the Secrets mail sources name for SMTP AUTH. */
    public static DesiredTenant withIntakeSecrets(Tenant tenant, List<ChannelSecret> intakeSecrets) {
        return DesiredTenant.beforeCompilation(tenant.getMetadata().getName(), tenant.namespaceName(),
                TenantCompiler.defaultedSpec(tenant), "registry.example/opsgate/engine:1.0").withConfig("{}".getBytes(StandardCharsets.UTF_8), "abc123",
                List.of(), intakeSecrets);
    }

    public static DesiredTenant acme() {
        return of(Fixtures.tenant("acme"), List.of());
    }
}
