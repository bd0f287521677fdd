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
 * One requested run of an OpsJob and of the jobs that depend on it (its job net). Created by the
 * engine on a trigger, by the operator on a schedule, or by a user.
 */
@JsonClassDescription("One requested run of an OpsJob and of the jobs that depend on it (its job net). Created by the "
        + "engine on a trigger, or by a user; the operator turns it into Kubernetes Jobs and records the "
        + "result. Lives in the tenant namespace.")
@Group(OpsgateApi.GROUP)
@Version(OpsgateApi.VERSION)
@ShortNames("ogrun")
@Categories(OpsgateApi.CATEGORY)
@AdditionalPrinterColumn(name = "Job", jsonPath = ".spec.opsJob", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = OpsgateApi.READY_STATUS, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Message", jsonPath = OpsgateApi.READY_MESSAGE, type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class OpsJobRun extends CustomResource<OpsJobRunSpec, OpsJobRunStatus> implements Namespaced {
}
