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
 * People and on-call schedules called in order, by voice or SMS, until someone acknowledges; then a
 * fallback. Contact details stay in the contacts Secret; this object names people only by id.
 */
@JsonClassDescription("People and on-call schedules called in order, by voice or SMS, until someone acknowledges; then a "
        + "fallback. Contact details stay in the tenant's contacts Secret; this object names people only by id. Lives in "
        + "the tenant namespace.")
@Group(OpsgateApi.GROUP)
@Version(OpsgateApi.VERSION)
@ShortNames("ogcg")
@Categories(OpsgateApi.CATEGORY)
@AdditionalPrinterColumn(name = "Ready", jsonPath = OpsgateApi.READY_STATUS, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Rounds", jsonPath = ".spec.rounds", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Channel", jsonPath = ".spec.callOut.channel", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Message", jsonPath = OpsgateApi.READY_MESSAGE, type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ContactGroup extends CustomResource<ContactGroupSpec, ContactGroupStatus> implements Namespaced {
}
