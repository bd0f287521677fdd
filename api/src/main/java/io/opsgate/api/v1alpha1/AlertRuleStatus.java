package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.opsgate.api.common.OpsgateStatus;

/** Whether an AlertRule is valid and in the tenant's compiled configuration. */
@JsonClassDescription("Whether the rule is valid and in the tenant's compiled configuration, written by the operator.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertRuleStatus extends OpsgateStatus {
}
