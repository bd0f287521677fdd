package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.opsgate.api.common.OpsgateStatus;

/** Whether a suspension is valid and whether its window is open. */
@JsonClassDescription("Whether the suspension is valid and whether its window is open (written by the operator).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OperationsSuspensionStatus extends OpsgateStatus {

    @JsonPropertyDescription("Pending (the window has not opened yet), Active (operations are suspended now) or Ended "
            + "(no window will open again).")
    public Phase phase;

    @JsonPropertyDescription("RFC 3339 start of the window that is open now, or of the next one.")
    public String windowStart;

    @JsonPropertyDescription("RFC 3339 end of the window that is open now, or of the next one.")
    public String windowEnd;

    /** Where a suspension stands. */
    public enum Phase {
        Pending, Active, Ended
    }
}
