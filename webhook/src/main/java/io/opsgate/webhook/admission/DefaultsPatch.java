package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.opsgate.api.defaults.Defaults;
import io.opsgate.api.v1alpha1.AlertRuleSpec;
import io.opsgate.api.v1alpha1.AlertSourceSpec;
import io.opsgate.api.v1alpha1.ContactGroupSpec;
import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.OnCallScheduleSpec;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec;
import io.opsgate.api.v1alpha1.OpsJobRunSpec;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.TenantSpec;

import java.util.Optional;

/**
 * The JSON Patch that writes {@link Defaults} into an object: the spec is read into the model,
 * defaulted, written back, and only what was missing is added. What the user wrote is never
 * changed or removed, whatever the model would make of it.
 */
public final class DefaultsPatch {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private DefaultsPatch() {
    }

    /** The operations for the object's spec; empty when nothing is missing or the spec cannot be read. */
    public static ArrayNode forObject(String kind, JsonNode object) {
        ArrayNode ops = MAPPER.createArrayNode();
        JsonNode spec = object.get("spec");
        if (spec == null || !spec.isObject()) {
            return ops;
        }
        defaultedSpec(kind, spec).ifPresent(target -> JsonPatches.addMissing(spec, target, "/spec", ops));
        return ops;
    }

    /** The spec with every default applied, as the model writes it; empty when it cannot be read. */
    public static Optional<JsonNode> defaultedSpec(String kind, JsonNode spec) {
        try {
            Object defaulted = switch (kind) {
                case "Tenant" -> Defaults.tenant(MAPPER.treeToValue(spec, TenantSpec.class));
                case "AlertRule" -> Defaults.alertRule(MAPPER.treeToValue(spec, AlertRuleSpec.class));
                case "Monitor" -> Defaults.monitor(MAPPER.treeToValue(spec, MonitorSpec.class));
                case "NotificationChannel" ->
                        Defaults.notificationChannel(MAPPER.treeToValue(spec, NotificationChannelSpec.class));
                case "OpsJob" -> Defaults.opsJob(MAPPER.treeToValue(spec, OpsJobSpec.class));
                case "OpsJobRun" -> Defaults.opsJobRun(MAPPER.treeToValue(spec, OpsJobRunSpec.class));
                case "AlertSource" -> Defaults.alertSource(MAPPER.treeToValue(spec, AlertSourceSpec.class));
                case "OnCallSchedule" -> Defaults.onCallSchedule(MAPPER.treeToValue(spec, OnCallScheduleSpec.class));
                case "ContactGroup" -> Defaults.contactGroup(MAPPER.treeToValue(spec, ContactGroupSpec.class));
                case "OperationsSuspension" ->
                        Defaults.operationsSuspension(MAPPER.treeToValue(spec, OperationsSuspensionSpec.class));
                default -> null;
            };
            return Optional.ofNullable(defaulted).map(MAPPER::valueToTree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            // Unreadable, or readable but odd enough for Defaults to trip (a null list entry): leave it as
            // written; the validating webhook names the field.
            return Optional.empty();
        }
    }
}
