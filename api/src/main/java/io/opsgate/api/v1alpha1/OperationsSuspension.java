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
 * 対応停止: a window in which automatic operations (alert-triggered and scheduled OpsJobs, call-outs)
 * are suspended, while alerts are still taken in, tickets opened and notifications sent. Unlike a
 * silence it hides nothing.
 */
@JsonClassDescription("A window in which automatic operations (alert-triggered and scheduled OpsJobs, call-outs) are "
        + "suspended, while alerts are still taken in, tickets opened and notifications sent. Unlike a silence it hides "
        + "nothing. Lives in the tenant namespace.")
@Group(OpsgateApi.GROUP)
@Version(OpsgateApi.VERSION)
@ShortNames("ogsusp")
@Categories(OpsgateApi.CATEGORY)
@AdditionalPrinterColumn(name = "Ready", jsonPath = OpsgateApi.READY_STATUS, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Window-Start", jsonPath = ".status.windowStart", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Window-End", jsonPath = ".status.windowEnd", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Requested-By", jsonPath = ".spec.requestedBy", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Message", jsonPath = OpsgateApi.READY_MESSAGE, type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class OperationsSuspension extends CustomResource<OperationsSuspensionSpec, OperationsSuspensionStatus>
        implements Namespaced {
}
