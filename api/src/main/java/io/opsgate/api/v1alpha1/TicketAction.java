package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;

import java.util.ArrayList;
import java.util.List;

/** How matching alerts become tickets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TicketAction {

    @Default("P3")
    @JsonPropertyDescription("Priority of the ticket, P1 (highest) to P5.")
    public Priority priority;

    @Default("incident")
    @JsonPropertyDescription("ITSM category of the tickets this rule opens: incident, service_request, problem or "
            + "change. Default incident.")
    public TicketCategory category;

    @Size(max = 500)
    @JsonPropertyDescription("Title of the ticket, a Mustache template over the alert (labels, annotations). "
            + "Default: the summary annotation, else the alertname.")
    public String title;

    @JsonPropertyDescription("Labels that group alerts into one ticket, as group_by. Default: the notify groupBy, "
            + "else alertname. The special value ... groups by all labels (one ticket per alert).")
    public List<String> groupBy = new ArrayList<>();

    @Default("true")
    @JsonPropertyDescription("Resolve the ticket when all its alerts are resolved.")
    public Boolean resolveWhenCleared;

    @JsonPropertyDescription("Flap detection: this many state changes of an alert within the window mark the "
            + "ticket flapping and hold its notifications until it settles.")
    public FlappingSpec flapping;

    /** Ticket priorities. */
    public enum Priority {
        P1, P2, P3, P4, P5
    }
}
