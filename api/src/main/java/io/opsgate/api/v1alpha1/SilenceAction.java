package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A maintenance window: matching alerts are silenced while the rule is in effect. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SilenceAction {
    @JsonPropertyDescription("Why, shown on the silenced alerts.")
    public String comment;
}
