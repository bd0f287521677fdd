package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** A token-bucket rate limit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RateLimitSpec {

    @Min(1)
    @Max(10_000_000)
    @JsonPropertyDescription("Sustained rate in alerts per second; above it requests get 429 with Retry-After.")
    public Integer perSecond;

    @Min(1)
    @Max(100_000_000)
    @JsonPropertyDescription("Burst size in alerts. Defaults to the rate times ten.")
    public Integer burst;
}
