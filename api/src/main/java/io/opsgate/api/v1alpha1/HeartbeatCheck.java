package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A dead-man's switch: something must ping the monitor's push URL every period. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HeartbeatCheck {
    @Required
    @Pattern(SchemaPatterns.DURATION)
    @JsonPropertyDescription("Expected time between pings.")
    public String period;

    @Pattern(SchemaPatterns.DURATION)
    @Default("1m")
    @JsonPropertyDescription("Extra time allowed before a missing ping fires the alert.")
    public String grace;
}
