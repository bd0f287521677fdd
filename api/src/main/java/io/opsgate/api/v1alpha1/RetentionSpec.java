package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** How long a tenant's data is kept. Durations as in Prometheus: 90d, 36h, 1w. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetentionSpec {

    @Pattern(SchemaPatterns.DURATION)
    @JsonPropertyDescription("How long a resolved alert is kept. Default 7d.")
    public String alerts;

    @Pattern(SchemaPatterns.DURATION)
    @JsonPropertyDescription("How long a closed or resolved ticket is kept. Default 90d.")
    public String tickets;

    @Pattern(SchemaPatterns.DURATION)
    @JsonPropertyDescription("How long access and audit log entries are kept. Default 365d.")
    public String logs;
}
