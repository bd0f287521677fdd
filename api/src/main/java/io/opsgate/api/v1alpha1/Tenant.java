package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One customer of the service. Cluster-scoped: the operator turns it into an isolated namespace
 * running the tenant's ingest and notify workloads.
 */
@JsonClassDescription("One customer of opsgate, declared by the platform team. Cluster-scoped: the operator turns it into "
        + "an isolated namespace (default-deny NetworkPolicies, quota, RBAC) running the tenant's ingest and "
        + "notify workloads, and reports their health here.")
@Group(OpsgateApi.GROUP)
@Version(OpsgateApi.VERSION)
@ShortNames("ogtenant")
@Categories(OpsgateApi.CATEGORY)
@AdditionalPrinterColumn(name = "Ready", jsonPath = OpsgateApi.READY_STATUS, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Namespace", jsonPath = ".status.namespace", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Rules", jsonPath = ".status.counts.alertRules", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Message", jsonPath = OpsgateApi.READY_MESSAGE, type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Tenant extends CustomResource<TenantSpec, TenantStatus> {

    /** The namespace a tenant's objects live in: {@code spec.namespace}, or {@code opsgate-<name>}. */
    public String namespaceName() {
        return TenantSpec.namespaceFor(getMetadata().getName(), getSpec());
    }
}
