package io.opsgate.api.validation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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

import java.util.Set;

/**
 * Validates an object given as JSON (as an AdmissionReview carries it): reads its spec into the model,
 * reporting a field that does not fit the model under its path, then runs {@link ResourceValidator}
 * (or, for the on-call kinds, {@link OnCallValidator}).
 */
public final class ObjectValidator {

    /** The kinds this validator knows. */
    public static final Set<String> KINDS =
            Set.of("Tenant", "AlertRule", "Monitor", "NotificationChannel", "OpsJob", "OpsJobRun", "AlertSource",
                    "OnCallSchedule", "ContactGroup", "OperationsSuspension");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ObjectValidator() {
    }

    /** Validates a new object. */
    public static ValidationResult validate(JsonNode object) {
        return validate(object, null);
    }

    /** Validates an object, and with {@code old} also what may not change. */
    public static ValidationResult validate(JsonNode object, JsonNode old) {
        String kind = object.path("kind").asText();
        String name = object.path("metadata").path("name").asText();
        JsonNode spec = object.path("spec");
        ValidationResult r = ValidationResult.ok();
        if (spec.isMissingNode() || spec.isNull()) {
            return r.add("spec", Reasons.MISSING_FIELD, "spec is required");
        }
        try {
            return switch (kind) {
                case "Tenant" -> old == null
                        ? ResourceValidator.tenant(name, read(spec, TenantSpec.class))
                        : ResourceValidator.tenantUpdate(name, read(old.path("spec"), TenantSpec.class),
                        read(spec, TenantSpec.class));
                case "AlertRule" -> ResourceValidator.alertRule(read(spec, AlertRuleSpec.class));
                case "Monitor" -> ResourceValidator.monitor(read(spec, MonitorSpec.class));
                case "NotificationChannel" -> ResourceValidator.notificationChannel(read(spec, NotificationChannelSpec.class));
                case "OpsJob" -> ResourceValidator.opsJob(read(spec, OpsJobSpec.class));
                case "AlertSource" -> ResourceValidator.alertSource(read(spec, AlertSourceSpec.class));
                case "OnCallSchedule" -> OnCallValidator.onCallSchedule(read(spec, OnCallScheduleSpec.class));
                case "ContactGroup" -> OnCallValidator.contactGroup(read(spec, ContactGroupSpec.class));
                case "OperationsSuspension" ->
                        OnCallValidator.operationsSuspension(read(spec, OperationsSuspensionSpec.class));
                case "OpsJobRun" -> old == null
                        ? ResourceValidator.opsJobRun(read(spec, OpsJobRunSpec.class))
                        : ResourceValidator.opsJobRunUpdate(read(old.path("spec"), OpsJobRunSpec.class),
                        read(spec, OpsJobRunSpec.class));
                default -> r.add("kind", Reasons.INVALID_VALUE, "unknown kind " + kind);
            };
        } catch (UnreadableField e) {
            return r.add(e.path, Reasons.INVALID_VALUE, e.getMessage());
        }
    }

    private static <T> T read(JsonNode spec, Class<T> type) {
        try {
            return MAPPER.treeToValue(spec, type);
        } catch (JsonMappingException e) {
            throw new UnreadableField(path(e), describe(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UnreadableField("spec", e.getOriginalMessage());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder("spec");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "unknown field \"" + u.getPropertyName() + "\"";
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f && f.getTargetType().isEnum()) {
            return "\"" + f.getValue() + "\" is not one of " + java.util.Arrays.toString(f.getTargetType().getEnumConstants());
        }
        String msg = e.getOriginalMessage();
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    private static final class UnreadableField extends RuntimeException {
        private final String path;

        UnreadableField(String path, String message) {
            super(message, null, false, false);
            this.path = path;
        }
    }
}
