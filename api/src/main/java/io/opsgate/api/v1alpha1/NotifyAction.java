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

    @Size(min = 1, max = 20)
    @JsonPropertyDescription("Names of NotificationChannels in the same namespace.")
    public List<String> channels = new ArrayList<>();

    @JsonPropertyDescription("Labels that group alerts into one notification. Default [alertname]. The special "
            + "value ... groups by all labels.")
    public List<String> groupBy = new ArrayList<>();

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
}
