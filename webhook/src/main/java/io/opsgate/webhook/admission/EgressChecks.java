package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.egress.EgressPolicy;
import io.opsgate.api.egress.EgressTargets;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.validation.ValidationResult;
import io.opsgate.webhook.cluster.ClusterReader;

import java.util.List;
import java.util.Optional;

/**
 * A Monitor's target and a NotificationChannel's destination against the egress the namespace's Tenant is granted,
 * with the same {@link EgressTargets} the operator's compiler uses, so {@code kubectl apply} is refused where the
 * status would say EgressNotGranted. A namespace without a Tenant is left to the compiler (it reports it).
 */
public final class EgressChecks {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final ClusterReader cluster;
    private final EgressGuard guard;

    /** @param clusterNetworks the cluster's guarded networks (the chart's {@code clusterNetworks}) */
    public EgressChecks(ClusterReader cluster, List<String> clusterNetworks) {
        this.cluster = cluster;
        this.guard = EgressGuard.cluster(clusterNetworks);
    }

    /** The egress problems of the object; other kinds have none. */
    public ValidationResult check(ReviewRequest r, JsonNode object) {
        ValidationResult result = ValidationResult.ok();
        if (!r.kind().equals("Monitor") && !r.kind().equals("NotificationChannel")) {
            return result;
        }
        String namespace = r.namespace().isEmpty() ? object.path("metadata").path("namespace").asText("") : r.namespace();
        Optional<Tenant> tenant = cluster.tenants().stream().filter(t -> namespace.equals(t.namespaceName())).findFirst();
        if (tenant.isEmpty()) {
            return result;
        }
        EgressPolicy policy = EgressPolicy.of(tenant.get().getMetadata().getName(),
                tenant.get().getSpec() == null ? null : tenant.get().getSpec().egress, guard);
        try {
            if (r.kind().equals("Monitor")) {
                EgressTargets.monitor(MAPPER.treeToValue(object, Monitor.class).getSpec(), policy, result);
            } else {
                EgressTargets.channel(MAPPER.treeToValue(object, NotificationChannel.class).getSpec(), policy, result);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            // An object that does not read is the shared validator's to report.
        }
        return result;
    }
}
