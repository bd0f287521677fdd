package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A person on call for a period instead of whoever the layers say. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScheduleOverride {

    @Required
    @Pattern(OpsgateApi.PERSON_ID_PATTERN)
    @JsonPropertyDescription("The person on call, by their key in the contacts Secret.")
    public String person;

    @Required
    @JsonPropertyDescription("RFC 3339 start of the override.")
    public String start;

    @Required
    @JsonPropertyDescription("RFC 3339 end of the override (exclusive).")
    public String end;

    public ScheduleOverride() {
    }

    public ScheduleOverride(String person, String start, String end) {
        this.person = person;
        this.start = start;
        this.end = end;
    }
}
