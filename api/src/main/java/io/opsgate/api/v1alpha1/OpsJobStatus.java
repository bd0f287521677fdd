package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.opsgate.api.common.OpsgateStatus;

/** An OpsJob's validity and its latest run. */
@JsonClassDescription("Whether the job is valid, and its latest run, written by the operator.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OpsJobStatus extends OpsgateStatus {
    @JsonPropertyDescription("The latest OpsJobRun of this job.")
    public RunReference lastRun;

    @JsonPropertyDescription("Name of the CronJob of a scheduled job.")
    public String cronJobName;

    /** A pointer to a run. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RunReference {
        @JsonPropertyDescription("OpsJobRun name.")
        public String name;
        @JsonPropertyDescription("Its phase.")
        public String phase;
        @JsonPropertyDescription("RFC 3339 start time.")
        public String startTime;
    }
}
