package io.opsgate.engine.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.defaults.Defaults;
import io.opsgate.api.matcher.Matcher;
import io.opsgate.api.matcher.MatcherParser;
import io.opsgate.api.text.TextCondition;
import io.opsgate.api.time.Durations;
import io.opsgate.api.time.TimeWindowSet;
import io.opsgate.api.time.TimeZones;
import io.opsgate.api.time.Timestamps;
import io.opsgate.api.v1alpha1.AlertRuleSpec;
import io.opsgate.api.v1alpha1.EscalateAction;
import io.opsgate.api.v1alpha1.RuleActions;
import io.opsgate.api.v1alpha1.RuleMode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An AlertRule ready to evaluate: parsed matchers, time windows in the rule's zone, durations in
 * milliseconds. Built once per configuration; immutable.
 */
public final class CompiledRule {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .build();

    /** Position in evaluation order; also the rule's index in the counters of {@link RuleHits}. */
    public final int position;
    public final String name;
    /**
     * Whether the rule is in shadow: its own mode is Shadow, or a rule above it in the routing tree is. A rule in
     * shadow changes nothing; {@link RuleSet} evaluates it apart and reports what it would have done.
     */
    public final boolean shadow;
    /**
     * SHA-256 of the defaulted spec as canonical JSON: equal for an unchanged rule, so its counts carry over a
     * reload and a restart.
     */
    public final String specDigest;
    /** The rule this one is a child of in the routing tree, or null at the top level. */
    public final String parent;
    public final List<Matcher> matchers;
    /** The matchers compiled for evaluation; same answers, fewer regex runs. */
    public final List<LabelMatcher> compiled;
    public final Set<String> severities;
    /** The text condition on the alert's texts ({@link AlertTexts}); null when the rule has none. */
    public final TextCondition text;
    public final TimeWindowSet windows;
    public final long activeFrom;
    public final long activeUntil;
    public final boolean continueMatching;
    public final boolean drop;
    public final String silenceComment;
    public final TicketSpec ticket;
    public final NotifySpec notify;
    public final List<EscalationLevel> escalation;
    public final InhibitRule inhibit;
    /** Whether it takes alerts: drop, ticket, or notify (also notify with no channels, which sends nothing). */
    private final boolean routes;

    /** The ticket action. */
    public record TicketSpec(String priority, String category, List<String> groupBy, String title,
                             boolean resolveWhenCleared, int flapChanges, long flapWindowMillis) {
        public boolean detectsFlapping() {
            return flapChanges > 0;
        }
    }

    /**
     * The notify action with Alertmanager's timers and the windows that mute it ({@code active} empty
     * means always active).
     */
    public record NotifySpec(List<String> channels, List<String> groupBy, long groupWait, long groupInterval,
                             long repeatInterval, TimeWindowSet mute, TimeWindowSet active) {

        /** Whether a group flush at {@code now} may notify, as Alertmanager's time-active and time-mute stages. */
        public boolean sendsAt(long now) {
            java.time.Instant t = java.time.Instant.ofEpochMilli(now);
            return !mute.anyContains(t) && (active.isAlways() || active.contains(t));
        }
    }

    /** One escalation level. */
    public record EscalationLevel(long afterMillis, List<String> channels) {
    }

    /** The inhibit section: this rule's matches mute targets with equal values of the equal labels. */
    public record InhibitRule(List<Matcher> targetMatchers, List<String> equal) {
    }

    private CompiledRule(int position, NamedSpec<AlertRuleSpec> named, boolean belowShadow) {
        AlertRuleSpec spec = Defaults.alertRule(named.spec);
        this.position = position;
        this.name = named.name;
        this.shadow = belowShadow || spec.mode == RuleMode.Shadow;
        try {
            this.specDigest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsBytes(spec)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("AlertRule " + name + ": spec cannot be digested", e);
        }
        this.parent = spec.parent;
        this.matchers = parse(spec.matchers);
        this.compiled = matchers.stream().map(LabelMatcher::of).toList();
        this.severities = spec.severities == null ? Set.of() : Set.copyOf(spec.severities);
        this.text = spec.text == null || spec.text.isBlank() ? null : TextCondition.parse(spec.text);
        List<String> problems = new ArrayList<>();
        java.time.ZoneId zone = TimeZones.parse(spec.timeZone);
        this.windows = TimeWindowSet.compile(spec.timeWindows, zone, "spec.timeWindows",
                (path, msg) -> problems.add(path + ": " + msg));
        this.activeFrom = spec.activeFrom == null ? Long.MIN_VALUE : Timestamps.parse(spec.activeFrom).toEpochMilli();
        this.activeUntil = spec.activeUntil == null ? Long.MAX_VALUE : Timestamps.parse(spec.activeUntil).toEpochMilli();
        this.continueMatching = Boolean.TRUE.equals(spec.continueMatching);
        RuleActions a = spec.actions;
        this.drop = a != null && Boolean.TRUE.equals(a.drop);
        this.silenceComment = a != null && a.silence != null
                ? (a.silence.comment == null ? "maintenance window of AlertRule " + name : a.silence.comment) : null;
        this.ticket = a == null || a.ticket == null ? null : new TicketSpec(a.ticket.priority.name(),
                a.ticket.category.name(), List.copyOf(a.ticket.groupBy), a.ticket.title, a.ticket.resolveWhenCleared,
                a.ticket.flapping == null ? 0 : a.ticket.flapping.changes,
                a.ticket.flapping == null ? 0 : Durations.parse(a.ticket.flapping.window).toMillis());
        // A notify action without channels takes alerts and sends nothing: no group to keep for it.
        this.notify = a == null || a.notify == null || a.notify.channels == null || a.notify.channels.isEmpty() ? null
                : new NotifySpec(List.copyOf(a.notify.channels), List.copyOf(a.notify.groupBy),
                Durations.parse(a.notify.groupWait).toMillis(), Durations.parse(a.notify.groupInterval).toMillis(),
                Durations.parse(a.notify.repeatInterval).toMillis(),
                TimeWindowSet.compile(a.notify.muteTimeWindows, zone, "spec.actions.notify.muteTimeWindows",
                        (path, msg) -> problems.add(path + ": " + msg)),
                TimeWindowSet.compile(a.notify.activeTimeWindows, zone, "spec.actions.notify.activeTimeWindows",
                        (path, msg) -> problems.add(path + ": " + msg)));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("AlertRule " + name + ": " + String.join("; ", problems));
        }
        this.routes = drop || ticket != null || (a != null && a.notify != null);
        List<EscalationLevel> levels = new ArrayList<>();
        if (a != null && a.escalate != null && a.escalate.levels != null) {
            for (EscalateAction.Level l : a.escalate.levels) {
                levels.add(new EscalationLevel(Durations.parse(l.after).toMillis(), List.copyOf(l.channels)));
            }
        }
        this.escalation = List.copyOf(levels);
        this.inhibit = spec.inhibit == null ? null
                : new InhibitRule(parse(spec.inhibit.targetMatchers), spec.inhibit.equal == null ? List.of()
                : List.copyOf(spec.inhibit.equal));
    }

    /**
     * Compiles a rule of the compiled configuration.
     *
     * @throws IllegalArgumentException when the spec does not compile (the validator should have caught it)
     */
    public static CompiledRule compile(int position, NamedSpec<AlertRuleSpec> named) {
        return new CompiledRule(position, named, false);
    }

    /**
     * Compiles a rule whose place in the routing tree is known: {@code belowShadow} when a rule above it is in
     * Shadow mode, which puts this one in shadow too.
     */
    public static CompiledRule compile(int position, NamedSpec<AlertRuleSpec> named, boolean belowShadow) {
        return new CompiledRule(position, named, belowShadow);
    }

    private static List<Matcher> parse(List<String> texts) {
        List<Matcher> result = new ArrayList<>();
        if (texts != null) {
            for (String t : texts) {
                result.add(MatcherParser.parse(t));
            }
        }
        return List.copyOf(result);
    }

    /** Whether the rule is in effect at {@code now}: within activeFrom/activeUntil and its time windows. */
    public boolean inEffect(long now) {
        return now >= activeFrom && now < activeUntil
                && (windows.isAlways() || windows.contains(java.time.Instant.ofEpochMilli(now)));
    }

    /** Whether the labels satisfy the matchers and severities (time is checked by {@link #inEffect}). */
    public boolean matches(Map<String, String> labels) {
        if (!severities.isEmpty() && !severities.contains(labels.getOrDefault("severity", ""))) {
            return false;
        }
        for (LabelMatcher m : compiled) {
            if (!m.matches(labels.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the labels satisfy the matchers and severities and the annotations the text condition. The
     * text is looked at last: matchers are cheap, and the rule index already narrowed the candidates.
     */
    public boolean matches(Map<String, String> labels, Map<String, String> annotations) {
        return matches(labels) && (text == null || text.matches(AlertTexts.of(annotations)));
    }

    /** Whether it routes alerts (drop, ticket or notify) rather than only silencing or inhibiting. */
    public boolean routes() {
        return routes;
    }
}
