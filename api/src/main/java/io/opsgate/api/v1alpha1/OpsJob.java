package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An operation: a container run on a schedule, on an alert, or after the jobs it depends on. */
@JsonClassDescription("An operation: a hardened container run on a schedule, on an alert (trigger), or after the jobs it "
        + "depends on (job nets), with timeout, retries, concurrency policy and guardrails. Lives in the "
        + "tenant namespace.")
@Group(OpsgateApi.GROUP)
@Version(OpsgateApi.VERSION)
@ShortNames("ogjob")
@Categories(OpsgateApi.CATEGORY)
@AdditionalPrinterColumn(name = "Ready", jsonPath = OpsgateApi.READY_STATUS, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule.cron", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last-Run", jsonPath = ".status.lastRun.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Message", jsonPath = OpsgateApi.READY_MESSAGE, type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class OpsJob extends CustomResource<OpsJobSpec, OpsJobStatus> implements Namespaced {
}
