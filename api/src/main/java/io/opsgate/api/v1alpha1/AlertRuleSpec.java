package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

/** Which alerts a rule matches, when, and what it does with them. */
@JsonClassDescription("Which alerts the rule matches, when, and what it does with them.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.actions) || has(self.inhibit)",
        message = "a rule needs actions, inhibit, or both")
@ValidationRule(value = "!has(self.parent) || (has(self.actions) && !has(self.actions.silence) && !has(self.inhibit))",
        message = "a rule with parent routes alerts: it needs actions and cannot silence or inhibit")
public class AlertRuleSpec {

    @Min(0)
    @Max(1_000_000)
    @Default("1000")
    @JsonPropertyDescription("Evaluation order: lower first; equal orders are taken by name.")
    public Integer order;

    @Size(max = 64)
    @JsonPropertyDescription("Label matchers in Alertmanager syntax, all of which must hold: name=\"value\", "
            + "name!=\"value\", name=~\"regex\", name!~\"regex\". Regexes are RE2 and anchored at both ends, as "
            + "in Alertmanager. Empty matches every alert.")
    public List<String> matchers = new ArrayList<>();

    @JsonPropertyDescription("Severities the rule applies to (the severity label, or the severity of an event). "
            + "Empty means any.")
    public List<String> severities = new ArrayList<>();

    @Size(max = 2000)
    @JsonPropertyDescription("A text condition on the alert's text: terms combined with and, or, not and "
            + "parentheses. A term is a word or quoted text (a case-insensitive substring; c\"...\" is "
            + "case-sensitive) or a /regex/ (RE2, anywhere; /.../i ignores case); prefix it with subject:, body:, "
            + "from:, summary: or description: to look only there, else it looks at all of them. "
            + "Example: (WARN or ERROR) and testnode_001.")
    public String text;

    @JsonPropertyDescription("Recurring windows in which the rule is in effect, as Alertmanager's time_intervals. "
            + "Empty means always.")
    public List<TimeWindow> timeWindows = new ArrayList<>();

    @JsonPropertyDescription("IANA time zone of timeWindows, for example Europe/Berlin. Default UTC.")
    public String timeZone;

    @JsonPropertyDescription("RFC 3339 time from which the rule is in effect, so a change can be scheduled ahead.")
    public String activeFrom;

    @JsonPropertyDescription("RFC 3339 time at which the rule stops being in effect.")
    public String activeUntil;

    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @Size(max = 253)
    @JsonPropertyDescription("Name of an AlertRule in the same namespace that this rule is a child of, as a nested "
            + "route of an Alertmanager routing tree: the rule is evaluated only for alerts its parent matches, in "
            + "order among the parent's children, and the parent takes an alert itself only when none of its children "
            + "matched it. The parent must route (drop, ticket or notify). Without parent the rule is at the top level.")
    public String parent;

    @JsonProperty("continue")
    @JsonPropertyDescription("Keep evaluating the later rules of the same level (the parent's other children, or the "
            + "top-level rules) after this one matched, as continue on an Alertmanager route.")
    public Boolean continueMatching;

    @Default("Enforce")
    @JsonPropertyDescription("Enforce (the default): the rule acts on the alerts it takes. Shadow: the rule is "
            + "evaluated on every alert in its place in the order (parent and continue included) but changes "
            + "nothing; status.shadow counts what it would have done (dropped, ticketed, notified, silenced, "
            + "inhibited) with the labels of its latest matches. A rule whose parent is in shadow is in shadow too. "
            + "Switching to Enforce is a normal apply.")
    public RuleMode mode;

    @JsonPropertyDescription("What happens to matching alerts.")
    public RuleActions actions;

    @JsonPropertyDescription("While an alert matching this rule fires, it mutes alerts matching targetMatchers "
            + "that have the same values of the labels in equal, as an Alertmanager inhibit rule.")
    public InhibitSpec inhibit;
}
