package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.opsgate.api.common.OpsgateStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether an AlertRule is valid and in the tenant's compiled configuration (written by the operator), and how
 * often it matched and, in Shadow mode, what it would have done (written by the tenant's ingest workload). Each
 * writer merge-patches only its own fields.
 */
@JsonClassDescription("Whether the rule is valid and in the tenant's compiled configuration (written by the operator), "
        + "and how often it matched and, in Shadow mode, what it would have done (written by the tenant's ingest).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertRuleStatus extends OpsgateStatus {

    @JsonPropertyDescription("How often the rule matched, counted by the tenant's ingest workload since the rule's "
            + "current spec took effect, and written at most every 30 seconds while the figures change.")
    public Hits hits;

    @JsonPropertyDescription("For a rule in Shadow mode: what it would have done to the alerts it matched, counted "
            + "since its current spec took effect. Absent for rules in Enforce mode.")
    public Shadow shadow;

    /** The match counts of a rule. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Hits {
        @JsonPropertyDescription("Alerts matched in the last hour: the current minute and the 59 before it. A repeat "
                + "of a firing alert counts again.")
        public Long lastHour;

        @JsonPropertyDescription("Alerts matched since the rule's current spec took effect (the time in since).")
        public Long total;

        @JsonPropertyDescription("For a drop rule: alerts it dropped since the rule's current spec took effect.")
        public Long dropped;

        @JsonPropertyDescription("RFC 3339 time of the latest match.")
        public String lastMatch;

        @JsonPropertyDescription("RFC 3339 time the rule's current spec took effect: when counting began.")
        public String since;

        @JsonPropertyDescription("RFC 3339 time the figures were taken.")
        public String observedAt;
    }

    /** What a rule in Shadow mode would have done. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Shadow {
        @JsonPropertyDescription("Alerts it would have dropped.")
        public Long wouldDrop;

        @JsonPropertyDescription("Alerts it would have put on a ticket of the priority in ticketPriority.")
        public Long wouldTicket;

        @JsonPropertyDescription("The priority of the tickets it would have opened.")
        public String ticketPriority;

        @JsonPropertyDescription("Per channel, the alerts it would have notified there.")
        public List<ChannelCount> wouldNotify = new ArrayList<>();

        @JsonPropertyDescription("Alerts its maintenance window (actions.silence) would have silenced.")
        public Long wouldSilence;

        @JsonPropertyDescription("Alerts its inhibit section would have muted.")
        public Long wouldInhibit;

        @JsonPropertyDescription("The labels of the latest alerts it matched, newest first (at most 5); labels only, "
                + "never annotations.")
        public List<Match> recentMatches = new ArrayList<>();
    }

    /** How many alerts a shadow rule would have notified on one channel. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ChannelCount {
        @JsonPropertyDescription("The NotificationChannel.")
        public String channel;

        @JsonPropertyDescription("Alerts it would have notified there.")
        public Long alerts;
    }

    /** One alert a shadow rule matched. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Match {
        @JsonPropertyDescription("RFC 3339 time of the match.")
        public String time;

        @JsonPropertyDescription("The alert's labels.")
        public Map<String, String> labels = new TreeMap<>();
    }
}
