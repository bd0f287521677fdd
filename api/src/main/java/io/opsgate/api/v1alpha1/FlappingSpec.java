package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** When an alert counts as flapping. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FlappingSpec {
    @Min(2)
    @Max(1000)
    @Default("4")
    @JsonPropertyDescription("State changes (firing to resolved or back) within window that mark flapping.")
    public Integer changes;

    @Pattern(SchemaPatterns.DURATION)
    @Default("10m")
    @JsonPropertyDescription("The window, a duration such as 10m.")
    public String window;
}
