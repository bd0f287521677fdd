package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

/** Escalation levels of an unacknowledged ticket. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EscalateAction {

    @Size(min = 1, max = 10)
    @JsonPropertyDescription("Levels in order; level n is notified when the ticket is still unacknowledged "
            + "after its after, counted from the ticket's opening.")
    public List<Level> levels = new ArrayList<>();

    /** One escalation level: channels are notified, schedules and contact groups are called out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(value = "(has(self.channels) && size(self.channels) > 0) || (has(self.schedules) && size(self.schedules) > 0)"
            + " || (has(self.contactGroups) && size(self.contactGroups) > 0)",
            message = "a level needs at least one of channels, schedules, contactGroups")
    public static class Level {
        @Required
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Time since the ticket opened after which this level is notified, e.g. 15m.")
        public String after;

        @Size(max = 20)
        @JsonPropertyDescription("NotificationChannels of this level.")
        public List<String> channels = new ArrayList<>();

        @Size(max = 5)
        @JsonPropertyDescription("OnCallSchedules in this namespace: whoever is on call in each is called out, as the "
                + "schedule's callOut says.")
        public List<String> schedules = new ArrayList<>();

        @Size(max = 5)
        @JsonPropertyDescription("ContactGroups in this namespace whose call-out starts at this level.")
        public List<String> contactGroups = new ArrayList<>();
    }
}
