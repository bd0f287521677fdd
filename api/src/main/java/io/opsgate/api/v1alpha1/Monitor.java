package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An active check run by the tenant's ingest workload; its failures become alerts. */
@JsonClassDescription("An active check (HTTP(S), TLS expiry, TCP, DNS, heartbeat, Prometheus query) run by the tenant's "
        + "ingest workload; its failures become alerts in the tenant's pipeline. Lives in the tenant namespace.")
@Group(OpsgateApi.GROUP)
@Version(OpsgateApi.VERSION)
@ShortNames("ogmon")
@Categories(OpsgateApi.CATEGORY)
@AdditionalPrinterColumn(name = "Ready", jsonPath = OpsgateApi.READY_STATUS, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Type", jsonPath = ".spec.type", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Result", jsonPath = ".status.lastResult.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Message", jsonPath = OpsgateApi.READY_MESSAGE, type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Monitor extends CustomResource<MonitorSpec, MonitorStatus> implements Namespaced {
}
