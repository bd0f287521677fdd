package io.opsgate.engine.alerting;

import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.AlertRuleSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tenant's AlertRules compiled in evaluation order (order, then name), split by role: rules that
 * route (drop, ticket, notify) behind an index, maintenance-window rules (actions.silence), and
 * inhibition sources.
 */
public final class RuleSet {
    private final List<CompiledRule> all;
    private final RuleIndex routing;
    private final List<CompiledRule> silencing;
    private final List<CompiledRule> inhibiting;
    private final boolean inhibitsByText;
    private final Map<String, CompiledRule> byName;
    private final long longestFlapWindow;

    public RuleSet(List<CompiledRule> rules) {
        this.all = List.copyOf(rules);
        this.routing = new RuleIndex(rules.stream().filter(CompiledRule::routes).toList());
        this.silencing = rules.stream().filter(r -> r.silenceComment != null).toList();
        this.inhibiting = rules.stream().filter(r -> r.inhibit != null).toList();
        this.inhibitsByText = inhibiting.stream().anyMatch(r -> r.text != null);
        Map<String, CompiledRule> names = new java.util.HashMap<>();
        rules.forEach(r -> names.put(r.name, r));
        this.byName = Map.copyOf(names);
        this.longestFlapWindow = rules.stream().filter(r -> r.ticket != null && r.ticket.detectsFlapping())
                .mapToLong(r -> r.ticket.flapWindowMillis()).max().orElse(0);
    }

    /** Compiles the rules of a compiled configuration, which lists them in evaluation order. */
    public static RuleSet compile(List<NamedSpec<AlertRuleSpec>> specs) {
        List<CompiledRule> rules = new ArrayList<>();
        for (NamedSpec<AlertRuleSpec> s : specs) {
            rules.add(CompiledRule.compile(rules.size(), s));
        }
        return new RuleSet(rules);
    }

    public static RuleSet empty() {
        return new RuleSet(List.of());
    }

    public List<CompiledRule> all() {
        return all;
    }

    public List<CompiledRule> silencing() {
        return silencing;
    }

    public List<CompiledRule> inhibiting() {
        return inhibiting;
    }

    /** Whether an inhibiting rule has a text condition, so a change of annotations can change what it mutes. */
    public boolean inhibitsByText() {
        return inhibitsByText;
    }

    /** The rule of that name, or null. */
    public CompiledRule rule(String name) {
        return byName.get(name);
    }

    /** The longest flapping window of any ticket rule (0 when none detects flapping): how far back state changes count. */
    public long longestFlapWindow() {
        return longestFlapWindow;
    }

    public RuleIndex routingIndex() {
        return routing;
    }

    /**
     * The routing rules that take an alert, in order: the first match, and after it further matches
     * only while each matched rule says continue.
     */
    public List<CompiledRule> route(Map<String, String> labels, long now, RuleIndex.Candidates scratch) {
        return route(labels, Map.of(), now, scratch);
    }

    /** As {@link #route(Map, long, RuleIndex.Candidates)}, with the annotations that text conditions read. */
    public List<CompiledRule> route(Map<String, String> labels, Map<String, String> annotations, long now,
                                    RuleIndex.Candidates scratch) {
        RuleIndex.Candidates c = routing.candidates(labels, scratch);
        List<CompiledRule> matched = null;
        List<CompiledRule> rules = routing.rules();
        for (int i = 0; i < c.size(); i++) {
            CompiledRule r = rules.get(c.get(i));
            if (r.matches(labels, annotations) && r.inEffect(now)) {
                if (matched == null) {
                    matched = new ArrayList<>(2);
                }
                matched.add(r);
                if (!r.continueMatching) {
                    break;
                }
            }
        }
        return matched == null ? List.of() : matched;
    }
}
