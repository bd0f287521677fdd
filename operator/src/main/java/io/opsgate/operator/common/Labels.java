package io.opsgate.operator.common;

import io.opsgate.api.v1alpha1.OpsgateApi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels every object the operator creates carries (docs/architecture.md, "Contracts between the
 * components"). The operator's informers select on {@link #MANAGED_SELECTOR}, so it never caches
 * objects it does not own.
 */
public final class Labels {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = OpsgateApi.MANAGED_BY_LABEL;
    public static final String TENANT = OpsgateApi.TENANT_LABEL;
    public static final String APP = "opsgate";
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OpsgateApi.MANAGED_BY;

    private Labels() {
    }

    /** The full label set for an object of one tenant with the given component. */
    public static Map<String, String> of(String tenant, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, APP);
        labels.put(COMPONENT, component);
        labels.put(MANAGED_BY, OpsgateApi.MANAGED_BY);
        labels.put(TENANT, tenant);
        return labels;
    }

    /** The labels that select the pods of one workload; stable, because a Deployment selector is immutable. */
    public static Map<String, String> selector(String tenant, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, APP);
        labels.put(COMPONENT, component);
        labels.put(TENANT, tenant);
        return labels;
    }
}
