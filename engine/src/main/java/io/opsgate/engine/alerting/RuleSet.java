package io.opsgate.engine.alerting;

import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.AlertRuleSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's AlertRules compiled in evaluation order (order, then name), split by role: rules that
 * route (drop, ticket, notify) as a tree of levels behind an index each, maintenance-window rules
 * (actions.silence), and inhibition sources. The routing rules without parent form the top level; a
 * rule's children (the rules naming it as parent) form the level below it, as nested routes in
 * Alertmanager.
 */
public final class RuleSet {
    private final List<CompiledRule> all;
    private final RuleIndex routing;
    private final Level top;
    private final List<CompiledRule> silencing;
    private final List<CompiledRule> inhibiting;
    private final boolean inhibitsByText;
    private final Map<String, CompiledRule> byName;
    private final long longestFlapWindow;

    /** The rules of one level in evaluation order, and the level below each of them (null: none). */
    private record Level(RuleIndex index, Level[] below) {
    }

    /**
     * @throws IllegalArgumentException when a routing rule's parent is not a routing rule of the set, or
     *                                  parents form a cycle (the compiler leaves such rules out)
     */
    public RuleSet(List<CompiledRule> rules) {
        this.all = List.copyOf(rules);
        List<CompiledRule> routes = rules.stream().filter(CompiledRule::routes).toList();
        this.routing = new RuleIndex(routes);
        Map<String, List<CompiledRule>> children = new HashMap<>();
        Set<String> routingNames = new HashSet<>();
        for (CompiledRule r : routes) {
            routingNames.add(r.name);
            children.computeIfAbsent(r.parent, k -> new ArrayList<>()).add(r);
        }
        for (CompiledRule r : routes) {
            if (r.parent != null && !routingNames.contains(r.parent)) {
                throw new IllegalArgumentException("AlertRule " + r.name + ": parent " + r.parent
                        + " is not a routing rule of this configuration");
            }
        }
        int[] placed = {0};
        this.top = level(children.getOrDefault(null, List.of()), children, placed);
        if (placed[0] != routes.size()) {
            throw new IllegalArgumentException("AlertRules whose parents form a cycle cannot be reached");
        }
        this.silencing = rules.stream().filter(r -> r.silenceComment != null).toList();
        this.inhibiting = rules.stream().filter(r -> r.inhibit != null).toList();
        this.inhibitsByText = inhibiting.stream().anyMatch(r -> r.text != null);
        Map<String, CompiledRule> names = new HashMap<>();
        rules.forEach(r -> names.put(r.name, r));
        this.byName = Map.copyOf(names);
        this.longestFlapWindow = rules.stream().filter(r -> r.ticket != null && r.ticket.detectsFlapping())
                .mapToLong(r -> r.ticket.flapWindowMillis()).max().orElse(0);
    }

    private static Level level(List<CompiledRule> rules, Map<String, List<CompiledRule>> children, int[] placed) {
        Level[] below = new Level[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            List<CompiledRule> kids = children.get(rules.get(i).name);
            below[i] = kids == null ? null : level(kids, children, placed);
        }
        placed[0] += rules.size();
        return new Level(new RuleIndex(rules), below);
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
     * The routing rules that take an alert, in order, as Alertmanager's routing tree does: at each level the
     * first matching rule, and after it further matches only while each matched rule says continue; a matching
     * rule with children passes the alert down and takes it itself only when none of its children matches.
     */
    public List<CompiledRule> route(Map<String, String> labels, long now, RuleIndex.Candidates scratch) {
        return route(labels, Map.of(), now, scratch);
    }

    /** As {@link #route(Map, long, RuleIndex.Candidates)}, with the annotations that text conditions read. */
    public List<CompiledRule> route(Map<String, String> labels, Map<String, String> annotations, long now,
                                    RuleIndex.Candidates scratch) {
        List<CompiledRule> matched = new ArrayList<>(2);
        descend(top, labels, annotations, now, scratch, matched);
        return matched.isEmpty() ? List.of() : matched;
    }

    /** Evaluates one level; adds what its matching rules (or their children) take; whether any rule matched. */
    private static boolean descend(Level level, Map<String, String> labels, Map<String, String> annotations, long now,
                                   RuleIndex.Candidates scratch, List<CompiledRule> matched) {
        RuleIndex.Candidates c = level.index().candidates(labels, scratch);
        List<CompiledRule> rules = level.index().rules();
        boolean any = false;
        for (int i = 0; i < c.size(); i++) {
            int at = c.get(i);
            CompiledRule r = rules.get(at);
            if (r.matches(labels, annotations) && r.inEffect(now)) {
                any = true;
                Level below = level.below()[at];
                if (below == null || !descend(below, labels, annotations, now, scratch.nested(), matched)) {
                    matched.add(r);
                }
                if (!r.continueMatching) {
                    break;
                }
            }
        }
        return any;
    }
}
