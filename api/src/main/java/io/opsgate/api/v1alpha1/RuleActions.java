package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** What a rule does with the alerts it matches. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.drop) && self.drop) || !(has(self.ticket) || has(self.notify) || has(self.escalate))",
        message = "drop cannot be combined with ticket, notify or escalate")
@ValidationRule(value = "!has(self.escalate) || has(self.ticket)",
        message = "escalate needs ticket: escalation stops when the ticket is acknowledged")
@ValidationRule(value = "(has(self.drop) && self.drop) || has(self.silence) || has(self.ticket) || has(self.notify)",
        message = "actions needs at least one of drop, silence, ticket, notify")
public class RuleActions {

    @JsonPropertyDescription("Drop matching alerts as noise: they are counted, kept for the retention period, and "
            + "produce no ticket and no notification.")
    public Boolean drop;

    @JsonPropertyDescription("Silence matching alerts while the rule is in effect: a maintenance window declared "
            + "in YAML. Evaluated before other rules, like a silence created through the API.")
    public SilenceAction silence;

    @JsonPropertyDescription("Open a ticket for matching alerts (one per alert group).")
    public TicketAction ticket;

    @JsonPropertyDescription("Notify channels, grouped as Alertmanager groups notifications.")
    public NotifyAction notify;

    @JsonPropertyDescription("Notify further channels when the ticket is not acknowledged in time.")
    public EscalateAction escalate;
}
