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
 * Who is on call when: rotation layers with restrictions and overrides, resolved into one final
 * schedule the way PagerDuty resolves its schedule layers.
 */
@JsonClassDescription("Who is on call when: rotation layers with restrictions and overrides, resolved into one final "
        + "schedule the way PagerDuty resolves its schedule layers. Lives in the tenant namespace.")
@Group(OpsgateApi.GROUP)
@Version(OpsgateApi.VERSION)
@ShortNames("ogsched")
@Categories(OpsgateApi.CATEGORY)
@AdditionalPrinterColumn(name = "Ready", jsonPath = OpsgateApi.READY_STATUS, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "On-Call", jsonPath = ".status.onCall.person", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Until", jsonPath = ".status.onCall.end", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Next", jsonPath = ".status.next.person", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Message", jsonPath = OpsgateApi.READY_MESSAGE, type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class OnCallSchedule extends CustomResource<OnCallScheduleSpec, OnCallScheduleStatus> implements Namespaced {
}
