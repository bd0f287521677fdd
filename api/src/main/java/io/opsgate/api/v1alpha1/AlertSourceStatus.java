package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.opsgate.api.common.OpsgateStatus;

/** Whether an AlertSource is valid and in the compiled configuration. */
@JsonClassDescription("Whether the source is valid and in the compiled configuration, written by the operator.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertSourceStatus extends OpsgateStatus {
}
