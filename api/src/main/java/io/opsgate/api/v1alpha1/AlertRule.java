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
 * A rule of a tenant's alert pipeline: which alerts it matches and what happens to them. Rules are
 * evaluated in {@code spec.order}, then by name; the first match wins unless it sets {@code continue}. A rule in
 * {@code Shadow} mode only counts what it would have done.
 */
@JsonClassDescription("A rule of a tenant's alert pipeline: which alerts it matches (label matchers, severities, time "
        + "windows) and what happens to them: drop, silence, ticket, notify, escalate, inhibit, trigger an "
        + "OpsJob. Rules are evaluated by spec.order, then by name; the first match wins unless it sets "
        + "continue. Lives in the tenant namespace.")
@Group(OpsgateApi.GROUP)
@Version(OpsgateApi.VERSION)
@ShortNames("ogrule")
@Categories(OpsgateApi.CATEGORY)
@AdditionalPrinterColumn(name = "Ready", jsonPath = OpsgateApi.READY_STATUS, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Order", jsonPath = ".spec.order", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.mode", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Hits-1h", jsonPath = ".status.hits.lastHour", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Message", jsonPath = OpsgateApi.READY_MESSAGE, type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class AlertRule extends CustomResource<AlertRuleSpec, AlertRuleStatus> implements Namespaced {
}
