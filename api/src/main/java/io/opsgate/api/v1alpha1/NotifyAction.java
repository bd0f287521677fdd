package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

import java.util.ArrayList;
import java.util.List;

/** Notification of matching alerts, with Alertmanager's grouping timers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NotifyAction {

    @Size(max = 20)
    @JsonPropertyDescription("Names of NotificationChannels in the same namespace. Empty: the rule takes matching "
            + "alerts and notifies no one, as an Alertmanager receiver without integrations.")
    public List<String> channels = new ArrayList<>();

    @JsonPropertyDescription("Labels that group alerts into one notification. Omitted: [alertname]. The special "
            + "value ... groups by all labels; an empty list puts all alerts of the rule into one group, as an "
            + "Alertmanager route without group_by.")
    public List<String> groupBy;

    @Pattern(SchemaPatterns.DURATION)
    @JsonPropertyDescription("How long to wait before the first notification of a new group, to gather its "
            + "alerts. Default 30s.")
    public String groupWait;

    @Pattern(SchemaPatterns.DURATION)
    @JsonPropertyDescription("How long to wait before notifying about alerts added to a group already notified. "
            + "Default 5m.")
    public String groupInterval;

    @Pattern(SchemaPatterns.DURATION)
    @JsonPropertyDescription("How long to wait before repeating a notification that did not change. Default 4h.")
    public String repeatInterval;

    @JsonPropertyDescription("Windows in which no notification is sent, as an Alertmanager route's "
            + "mute_time_intervals: the rule still takes its alerts (later rules do not see them unless continue), "
            + "and a group due inside a window notifies at its first group interval after it. Each window is in "
            + "its own timeZone, else in the rule's timeZone.")
    public List<TimeWindow> muteTimeWindows = new ArrayList<>();

    @JsonPropertyDescription("When set, notifications are sent only inside these windows, as an Alertmanager "
            + "route's active_time_intervals; outside them the rule takes its alerts without notifying. Each window "
            + "is in its own timeZone, else in the rule's timeZone.")
    public List<TimeWindow> activeTimeWindows = new ArrayList<>();
}
