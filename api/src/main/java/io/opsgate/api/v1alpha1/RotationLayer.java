package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

/** One layer of an on-call schedule: people taking turns, optionally only inside restriction windows. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RotationLayer {

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = 63)
    @JsonPropertyDescription("Name of the layer, unique in the schedule; shown as the source of a shift.")
    public String name;

    @Required
    @JsonPropertyDescription("RFC 3339 time the rotation starts: the first person's first shift begins here. For Daily "
            + "and Weekly rotations every handoff keeps this local time of day in the layer's time zone.")
    public String start;

    @JsonPropertyDescription("RFC 3339 time the layer ends; it has nobody on call from then on. Open when empty.")
    public String end;

    @Size(min = 1, max = 100)
    @JsonPropertyDescription("People in rotation order, by their key in the contacts Secret. A person may appear more "
            + "than once.")
    public List<String> people = new ArrayList<>();

    @Required
    @JsonPropertyDescription("How long each person's turn lasts.")
    public Rotation rotation;

    @JsonPropertyDescription("IANA time zone of this layer's start, handoffs and restrictions; the schedule's when empty.")
    public String timeZone;

    @Size(max = 50)
    @JsonPropertyDescription("Windows in which this layer has someone on call; outside all of them it has nobody and the "
            + "layers below show through. The rotation goes on in the background, as in PagerDuty. Empty means always.")
    public List<Restriction> restrictions = new ArrayList<>();

    /** Turn lengths. */
    public enum RotationType {
        Daily, Weekly, Custom
    }

    /** The length of a turn. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(value = "self.type == 'Custom' ? has(self.length) : !has(self.length)",
            message = "length is required for a Custom rotation and only allowed there")
    public static class Rotation {
        @Required
        @JsonPropertyDescription("Daily or Weekly (turns of whole local days or weeks: the handoff stays at the same "
                + "local time across daylight-saving changes) or Custom (turns of a fixed elapsed length).")
        public RotationType type;

        @Min(1)
        @Max(52)
        @Default("1")
        @JsonPropertyDescription("Daily and Weekly: a turn lasts this many days or weeks. Ignored for Custom.")
        public Integer every;

        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Custom: the turn length, from 1h to 365d, e.g. 12h. Elapsed time, so across a "
                + "daylight-saving change the local handoff time moves by the change.")
        public String length;
    }

    /** A window, repeating on the given weekdays, in which the layer has someone on call. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Restriction {
        @Required
        @Pattern("^([01][0-9]|2[0-3]):[0-5][0-9]$")
        @JsonPropertyDescription("Local start time of the window, HH:MM.")
        public String startTime;

        @Required
        @Pattern("^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")
        @JsonPropertyDescription("Local end time, HH:MM, exclusive; 24:00 is midnight. An end at or before startTime "
                + "ends the next day, e.g. 18:00 to 09:00 for nights.")
        public String endTime;

        @JsonPropertyDescription("Weekdays on which the window starts, or ranges of them (monday:friday). Empty means "
                + "every day.")
        public List<String> weekdays = new ArrayList<>();

        public Restriction() {
        }

        public Restriction(String startTime, String endTime, List<String> weekdays) {
            this.startTime = startTime;
            this.endTime = endTime;
            this.weekdays = weekdays;
        }
    }
}
