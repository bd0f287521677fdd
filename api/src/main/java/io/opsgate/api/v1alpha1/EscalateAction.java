package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.ArrayList;
import java.util.List;

/** Escalation levels of an unacknowledged ticket. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EscalateAction {

    @Size(min = 1, max = 10)
    @JsonPropertyDescription("Levels in order; level n is notified when the ticket is still unacknowledged "
            + "after its after, counted from the ticket's opening.")
    public List<Level> levels = new ArrayList<>();

    /** One escalation level. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Level {
        @Required
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Time since the ticket opened after which this level is notified, e.g. 15m.")
        public String after;

        @Size(min = 1, max = 20)
        @JsonPropertyDescription("NotificationChannels of this level.")
        public List<String> channels = new ArrayList<>();
    }
}
