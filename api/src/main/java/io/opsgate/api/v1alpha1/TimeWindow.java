package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/**
 * A recurring window, as an Alertmanager time_interval: every non-empty field must hold. Ranges are
 * inclusive and written with a colon.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TimeWindow {

    @JsonPropertyDescription("Times of day, each with startTime and endTime as HH:MM (end exclusive, 24:00 allowed).")
    public List<TimeRange> times = new ArrayList<>();

    @JsonPropertyDescription("Weekdays or ranges of them, for example monday:friday or saturday.")
    public List<String> weekdays = new ArrayList<>();

    @JsonPropertyDescription("Days of the month or ranges, 1 to 31; negative counts from the end (-1 is the last day).")
    public List<String> daysOfMonth = new ArrayList<>();

    @JsonPropertyDescription("Months by name or number, or ranges, for example january:march or 12.")
    public List<String> months = new ArrayList<>();

    @JsonPropertyDescription("Years or ranges of them, for example 2026 or 2026:2028.")
    public List<String> years = new ArrayList<>();

    @JsonPropertyDescription("IANA time zone this window is read in, as an Alertmanager time interval's location. "
            + "Default: the rule's timeZone.")
    public String timeZone;

    /** A time-of-day range. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TimeRange {
        @JsonPropertyDescription("Start, HH:MM, inclusive.")
        public String startTime;
        @JsonPropertyDescription("End, HH:MM, exclusive; 24:00 is the end of the day.")
        public String endTime;

        public TimeRange() {
        }

        public TimeRange(String startTime, String endTime) {
            this.startTime = startTime;
            this.endTime = endTime;
        }
    }
}
