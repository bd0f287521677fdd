package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.opsgate.api.common.OpsgateStatus;

/** Whether a channel is valid and in the compiled configuration. */
@JsonClassDescription("Whether the channel is valid, in the compiled configuration and has its Secret, written by the "
        + "operator.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NotificationChannelStatus extends OpsgateStatus {
}
