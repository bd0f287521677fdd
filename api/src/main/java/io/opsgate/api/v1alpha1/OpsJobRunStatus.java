package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.opsgate.api.common.OpsgateStatus;

import java.util.ArrayList;
import java.util.List;

/** Progress of a run: one step per job of the net. */
@JsonClassDescription("Progress of the run, written by the operator: its phase and one step per job of the net.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OpsJobRunStatus extends OpsgateStatus {
    @JsonPropertyDescription("Pending, Running, Succeeded, Failed, or Refused (a guardrail or an invalid job net).")
    public String phase;

    @JsonPropertyDescription("RFC 3339 time the first step started.")
    public String startTime;

    @JsonPropertyDescription("RFC 3339 time the last step ended.")
    public String completionTime;

    @JsonPropertyDescription("One entry per job of the net, in dependency order.")
    public List<Step> steps = new ArrayList<>();

    /** One job of the net. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Step {
        @JsonPropertyDescription("The OpsJob.")
        public String opsJob;
        @JsonPropertyDescription("Pending, Running, Succeeded, Failed or Skipped.")
        public String phase;
        @JsonPropertyDescription("The Kubernetes Job of this step.")
        public String jobName;
        @JsonPropertyDescription("RFC 3339 start time.")
        public String startTime;
        @JsonPropertyDescription("RFC 3339 end time.")
        public String completionTime;
        @JsonPropertyDescription("Exit code of the container.")
        public Integer exitCode;
        @JsonPropertyDescription("Why the step is in its phase.")
        public String message;
        @JsonPropertyDescription("Last lines of the container's log.")
        public String logTail;
    }
}
