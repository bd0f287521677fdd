package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.opsgate.api.common.OpsgateStatus;

/** A monitor's validity and its latest result. */
@JsonClassDescription("The monitor's validity (written by the operator) and its latest result (written by the ingest "
        + "workload).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonitorStatus extends OpsgateStatus {
    @JsonPropertyDescription("The latest check.")
    public CheckResult lastResult;

    @JsonPropertyDescription("RFC 3339 time the result last changed between Up and Down.")
    public String lastChange;

    @JsonPropertyDescription("For a Heartbeat monitor: the path, on the ingest API, to ping.")
    public String pushPath;

    /** One check's outcome. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class CheckResult {
        @JsonPropertyDescription("Up, Down or Unknown.")
        public String state;
        @JsonPropertyDescription("What the check saw.")
        public String message;
        @JsonPropertyDescription("Duration of the check in milliseconds.")
        public Long latencyMillis;
        @JsonPropertyDescription("RFC 3339 time of the check.")
        public String checkedAt;
    }
}
