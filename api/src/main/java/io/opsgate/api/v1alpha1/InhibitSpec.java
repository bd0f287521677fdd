package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

import java.util.ArrayList;
import java.util.List;

/** An inhibition: the rule's own matches are the source alerts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InhibitSpec {

    @Size(min = 1, max = 64)
    @JsonPropertyDescription("Matchers, in the syntax of spec.matchers, that select the alerts to mute.")
    public List<String> targetMatchers = new ArrayList<>();

    @JsonPropertyDescription("Labels whose values must be equal in source and target.")
    public List<String> equal = new ArrayList<>();
}
