package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Limits that keep one tenant from exhausting shared capacity. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenantLimits {

    @Min(1)
    @Max(100_000)
    @JsonPropertyDescription("Most AlertRules in the tenant namespace. Default 10000.")
    public Integer maxAlertRules;

    @Min(1)
    @Max(10_000)
    @JsonPropertyDescription("Most Monitors. Default 500.")
    public Integer maxMonitors;

    @Min(1)
    @Max(100_000)
    @JsonPropertyDescription("Most alerts in one request. Default 10000.")
    public Integer maxAlertsPerRequest;

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Most labels on one alert. Default 64.")
    public Integer maxLabelsPerAlert;

    @Min(16)
    @Max(65_536)
    @JsonPropertyDescription("Longest label value in characters. Default 4096.")
    public Integer maxLabelLength;

    @Min(1024)
    @Max(268_435_456)
    @JsonPropertyDescription("Largest request body in bytes. Default 8388608 (8 MiB).")
    public Integer maxBodyBytes;
}
