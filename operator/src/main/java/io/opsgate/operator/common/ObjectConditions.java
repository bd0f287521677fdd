package io.opsgate.operator.common;

import io.fabric8.kubernetes.api.model.Condition;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.validation.ValidationResult;

import java.time.Instant;
import java.util.List;

/**
 * The conditions of an AlertRule, Monitor, NotificationChannel or OpsJob: Ready when it is valid and in
 * its tenant's compiled configuration; Stalled with the validator's reason and a message naming the
 * field when only a change of the object helps.
 */
public final class ObjectConditions {

    public static final String COMPILED = "Compiled";
    public static final String VALID = "Valid";
    public static final String TENANT_NOT_FOUND = "TenantNotFound";
    public static final String WAITING_FOR_SECRET = "WaitingForSecret";

    private ObjectConditions() {
    }

    /**
     * @param tenant the Tenant whose namespace holds the object, or null when none does
     */
    public static List<Condition> of(List<Condition> old, ValidationResult result, String tenant, String namespace,
                                     Long generation, Instant now) {
        return of(old, result, tenant, namespace, generation, now, null);
    }

    /**
     * @param waitingFor what a valid object still waits for (a referenced Secret that does not exist yet, the
     *                   message names its field), or null: then it is not Ready but Reconciling, which kstatus
     *                   and Argo CD read as progressing, not failed
     */
    public static List<Condition> of(List<Condition> old, ValidationResult result, String tenant, String namespace,
                                     Long generation, Instant now, String waitingFor) {
        List<Condition> c = old;
        if (!result.isValid()) {
            c = Conditions.set(c, ConditionTypes.READY, ConditionTypes.FALSE, result.reason(), result.message(), generation, now);
            c = Conditions.set(c, ConditionTypes.RECONCILING, ConditionTypes.FALSE, result.reason(), "", generation, now);
            return Conditions.set(c, ConditionTypes.STALLED, ConditionTypes.TRUE, result.reason(), result.message(), generation, now);
        }
        if (tenant != null && waitingFor != null) {
            c = Conditions.set(c, ConditionTypes.READY, ConditionTypes.FALSE, WAITING_FOR_SECRET, waitingFor, generation, now);
            c = Conditions.set(c, ConditionTypes.RECONCILING, ConditionTypes.TRUE, WAITING_FOR_SECRET, waitingFor,
                    generation, now);
            return Conditions.set(c, ConditionTypes.STALLED, ConditionTypes.FALSE, VALID, "", generation, now);
        }
        if (tenant == null) {
            String message = "metadata.namespace: no Tenant uses namespace " + namespace
                    + "; the object takes effect once one does";
            c = Conditions.set(c, ConditionTypes.READY, ConditionTypes.FALSE, TENANT_NOT_FOUND, message, generation, now);
        } else {
            c = Conditions.set(c, ConditionTypes.READY, ConditionTypes.TRUE, COMPILED,
                    "valid and in the compiled configuration of Tenant " + tenant, generation, now);
        }
        c = Conditions.set(c, ConditionTypes.RECONCILING, ConditionTypes.FALSE, VALID, "", generation, now);
        return Conditions.set(c, ConditionTypes.STALLED, ConditionTypes.FALSE, VALID, "", generation, now);
    }
}
