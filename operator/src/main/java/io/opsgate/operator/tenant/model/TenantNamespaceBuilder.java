package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.opsgate.operator.common.Labels;

import java.util.Map;

/** The tenant namespace, labelled so that Pod Security admission enforces the restricted profile. */
public final class TenantNamespaceBuilder {

    static final String PSS_PREFIX = "pod-security.kubernetes.io/";

    private TenantNamespaceBuilder() {
    }

    public static Namespace build(DesiredTenant d) {
        Map<String, String> labels = Labels.of(d.tenantName(), "namespace");
        for (String mode : new String[] {"enforce", "warn", "audit"}) {
            labels.put(PSS_PREFIX + mode, "restricted");
            labels.put(PSS_PREFIX + mode + "-version", "latest");
        }
        return new NamespaceBuilder()
                .withNewMetadata().withName(d.namespace()).withLabels(labels).endMetadata()
                .build();
    }
}
