package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** One ISO/IEC 27017 control as the operator observes it for a tenant. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ControlStatus {
    @JsonPropertyDescription("Control number, for example 13.1.3 or CLD9.5.1.")
    public String id;
    @JsonPropertyDescription("Short title of the control.")
    public String title;
    @JsonPropertyDescription("Satisfied, NotSatisfied or NotApplicable.")
    public ControlState state;
    @JsonPropertyDescription("What was observed, for example \"NetworkPolicy opsgate-default-deny present\".")
    public List<String> evidence = new ArrayList<>();
    @JsonPropertyDescription("Why the control is NotSatisfied, in CamelCase, for example AccessLogTruncated; empty otherwise.")
    public String reason;

    /** Control states. */
    public enum ControlState {
        Satisfied,
        NotSatisfied,
        NotApplicable
    }
}
