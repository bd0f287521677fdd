package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

/** What is suspended, for which alerts and jobs, when, why, and at whose request. */
@JsonClassDescription("What is suspended, for which alerts and jobs, when, why, and at whose request.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OperationsSuspensionSpec {

    @Required
    @Size(min = 1, max = 1000)
    @JsonPropertyDescription("Why operations are suspended, e.g. the maintenance or change it covers. Shown on the "
            + "affected tickets and jobs.")
    public String reason;

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Who requested the suspension (a person or team).")
    public String requestedBy;

    @Required
    @JsonPropertyDescription("When operations are suspended.")
    public SuspensionWindow window;

    @Size(max = 64)
    @JsonPropertyDescription("Label matchers in Alertmanager syntax, all of which must hold. They are matched against "
            + "the alert's labels for alert-triggered jobs and call-outs, plus opsjob (the OpsJob's name) for jobs and "
            + "contactgroup or oncallschedule (the call-out's target) for call-outs; a scheduled job has only opsjob. "
            + "Empty matches everything.")
    public List<String> matchers = new ArrayList<>();

    @Size(min = 1, max = 3)
    @JsonPropertyDescription("What is suspended: AlertTriggeredJobs, ScheduledJobs, CallOuts.")
    public List<SuspendedOperation> suspend = new ArrayList<>();

    /** The automatic operations a suspension can stop. */
    public enum SuspendedOperation {
        AlertTriggeredJobs, ScheduledJobs, CallOuts
    }

    /** A one-off window, recurring windows, or recurring windows between a start and an end. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(value = "(has(self.timeWindows) && size(self.timeWindows) > 0) || (has(self.start) && has(self.end))",
            message = "a window needs start and end, or timeWindows")
    public static class SuspensionWindow {
        @JsonPropertyDescription("RFC 3339 start. With timeWindows: the recurring windows count only from here.")
        public String start;

        @JsonPropertyDescription("RFC 3339 end (exclusive). With timeWindows: the recurring windows count only until here.")
        public String end;

        @Size(max = 20)
        @JsonPropertyDescription("Recurring windows, as Alertmanager's time_intervals, e.g. every Saturday 01:00 to 05:00.")
        public List<TimeWindow> timeWindows = new ArrayList<>();

        @Default("UTC")
        @JsonPropertyDescription("IANA time zone of timeWindows, e.g. Asia/Tokyo. Default UTC.")
        public String timeZone;
    }
}
