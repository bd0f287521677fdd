package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItemBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.opsgate.api.common.ResourceList;
import io.opsgate.api.v1alpha1.QuotaSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ResourceQuota and LimitRange of a tenant namespace, from spec.quota and spec.containerDefaults. */
public final class TenantQuotaBuilder {

    public static final String QUOTA_NAME = "opsgate-quota";
    public static final String LIMIT_RANGE_NAME = "opsgate-limits";

    private TenantQuotaBuilder() {
    }

    /** CPU and memory cap requests and limits alike, so no pod can claim more by declaring less. */
    public static ResourceQuota quota(DesiredTenant d) {
        QuotaSpec q = d.spec().quota;
        Map<String, Quantity> hard = new LinkedHashMap<>();
        hard.put("requests.cpu", new Quantity(q.cpu));
        hard.put("limits.cpu", new Quantity(q.cpu));
        hard.put("requests.memory", new Quantity(q.memory));
        hard.put("limits.memory", new Quantity(q.memory));
        hard.put("pods", new Quantity(String.valueOf(q.pods)));
        hard.put("requests.storage", new Quantity(q.storage));
        return new ResourceQuotaBuilder()
                .withMetadata(d.meta(QUOTA_NAME, "quota"))
                .withNewSpec().withHard(hard).endSpec()
                .build();
    }

    /** Defaults for containers that declare no resources (OpsJob pods, mostly): the quota needs them. */
    public static LimitRange limitRange(DesiredTenant d) {
        return new LimitRangeBuilder()
                .withMetadata(d.meta(LIMIT_RANGE_NAME, "quota"))
                .withNewSpec()
                .withLimits(new LimitRangeItemBuilder()
                        .withType("Container")
                        .withDefaultRequest(quantities(d.spec().containerDefaults.requests))
                        .withDefault(quantities(d.spec().containerDefaults.limits))
                        .build())
                .endSpec()
                .build();
    }

    static Map<String, Quantity> quantities(ResourceList r) {
        Map<String, Quantity> result = new LinkedHashMap<>();
        result.put("cpu", new Quantity(r.cpu));
        result.put("memory", new Quantity(r.memory));
        return result;
    }
}
