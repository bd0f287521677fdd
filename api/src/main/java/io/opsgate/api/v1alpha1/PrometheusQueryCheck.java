package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A PromQL instant query compared with a threshold. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrometheusQueryCheck {
    @Required
    @Pattern("^https?://.+")
    @JsonPropertyDescription("Base URL of the Prometheus server, e.g. http://prometheus.monitoring:9090.")
    public String url;

    @Required
    @JsonPropertyDescription("PromQL expression; every sample of the result is compared.")
    public String query;

    @Default("\">\"")
    @JsonPropertyDescription("Comparison that means failure: a sample value <op> threshold fires the alert.")
    public Operator operator;

    @Required
    @JsonPropertyDescription("Threshold the sample values are compared with.")
    public Double threshold;

    @Default("false")
    @JsonPropertyDescription("Whether an empty result counts as a failure.")
    public Boolean failWhenEmpty;

    /** Comparison operators. */
    public enum Operator {
        @com.fasterxml.jackson.annotation.JsonProperty(">") GT,
        @com.fasterxml.jackson.annotation.JsonProperty(">=") GE,
        @com.fasterxml.jackson.annotation.JsonProperty("<") LT,
        @com.fasterxml.jackson.annotation.JsonProperty("<=") LE,
        @com.fasterxml.jackson.annotation.JsonProperty("==") EQ,
        @com.fasterxml.jackson.annotation.JsonProperty("!=") NE
    }
}
