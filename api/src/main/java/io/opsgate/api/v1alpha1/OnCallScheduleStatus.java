package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.opsgate.api.common.OpsgateStatus;

/**
 * Whether a schedule is valid, and who is on call now and next in its final schedule. Person ids
 * only: contact details never appear in a status.
 */
@JsonClassDescription("Whether the schedule is valid, and who is on call now and next in its final schedule (written by "
        + "the operator). Person ids only: contact details never appear in a status.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OnCallScheduleStatus extends OpsgateStatus {

    @JsonPropertyDescription("The shift of the final schedule in progress; absent while nobody is on call.")
    public ShiftStatus onCall;

    @JsonPropertyDescription("The next shift of the final schedule with someone on call.")
    public ShiftStatus next;

    @JsonPropertyDescription("RFC 3339 time onCall and next were computed; they are recomputed at every handoff.")
    public String computedAt;

    /** One shift of the final schedule. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ShiftStatus {
        @JsonPropertyDescription("The person on call, by their key in the contacts Secret.")
        public String person;
        @JsonPropertyDescription("RFC 3339 start of the shift; absent when it began more than a year ago.")
        public String start;
        @JsonPropertyDescription("RFC 3339 end of the shift (the next handoff); absent when it lasts beyond a year.")
        public String end;
        @JsonPropertyDescription("The layer the shift comes from, or override.")
        public String layer;
    }
}
