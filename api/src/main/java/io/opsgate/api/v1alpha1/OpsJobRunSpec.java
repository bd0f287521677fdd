package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Which job to run, and why. Immutable once created. */
@JsonClassDescription("Which job to run, and why. Immutable once created.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf", message = "an OpsJobRun's spec is immutable")
public class OpsJobRunSpec {
    @Required
    @JsonPropertyDescription("Name of the OpsJob in the same namespace.")
    public String opsJob;

    @Default("Manual")
    @JsonPropertyDescription("Why the run was requested: Manual, Schedule or Alert.")
    public RunReason reason;

    @JsonPropertyDescription("For reason Alert: the alert that triggered the run.")
    public AlertReference alert;

    /** Reasons for a run. */
    public enum RunReason {
        Manual, Schedule, Alert
    }

    /** The alert behind a triggered run. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class AlertReference {
        @JsonPropertyDescription("Fingerprint of the alert.")
        public String fingerprint;
        @JsonPropertyDescription("Its alertname label.")
        public String alertname;
        @JsonPropertyDescription("Ticket the alert belongs to, if any.")
        public String ticketId;
    }
}
