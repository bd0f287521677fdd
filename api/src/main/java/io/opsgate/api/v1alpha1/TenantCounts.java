package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Counts of a tenant's objects in effect. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenantCounts {
    @JsonPropertyDescription("Valid AlertRules in the compiled configuration.")
    public Integer alertRules;
    @JsonPropertyDescription("Valid Monitors in the compiled configuration.")
    public Integer monitors;
    @JsonPropertyDescription("Valid OpsJobs.")
    public Integer opsJobs;
    @JsonPropertyDescription("Valid NotificationChannels in the compiled configuration.")
    public Integer notificationChannels;
    @JsonPropertyDescription("Valid AlertSources in the compiled configuration.")
    public Integer alertSources;
    @JsonPropertyDescription("Objects left out of the compiled configuration because they are invalid.")
    public Integer invalid;

}
