package io.opsgate.engine.alerting;

import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.AlertRuleSpec;
import io.opsgate.api.v1alpha1.RuleMode;

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
 *
 * <p>Rules in shadow sit in the tree in their true place but never take an alert, silence or inhibit: the walk
 * that decides an alert's fate passes over them. A walk with a {@link RouteObserver} also evaluates each shadow
 * subtree it reaches (a rule in shadow whose parent is not) as if that subtree alone were switched to Enforce:
 * reached exactly when Alertmanager would reach it in the enforced tree (every earlier matching rule of its level
 * said continue, its parent matched, no drop took the alert before it), and then walked as enforced rules are.
 * Two shadow subtrees never hide each other.
 */
public final class RuleSet {
    private static final int MATCHED = 1;
    private static final int STOPPED = 2;

    private final List<CompiledRule> all;
    private final RuleIndex routing;
    private final Level top;
    private final List<CompiledRule> silencing;
    private final List<CompiledRule> inhibiting;
    private final List<CompiledRule> shadowSilencing;
    private final List<CompiledRule> shadowInhibiting;
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
        this.silencing = rules.stream().filter(r -> r.silenceComment != null && !r.shadow).toList();
        this.inhibiting = rules.stream().filter(r -> r.inhibit != null && !r.shadow).toList();
        this.shadowSilencing = rules.stream().filter(r -> r.silenceComment != null && r.shadow).toList();
        this.shadowInhibiting = rules.stream().filter(r -> r.inhibit != null && r.shadow).toList();
        this.inhibitsByText = rules.stream().anyMatch(r -> r.inhibit != null && r.text != null);
        Map<String, CompiledRule> names = new HashMap<>();
        rules.forEach(r -> names.put(r.name, r));
        this.byName = Map.copyOf(names);
        this.longestFlapWindow = rules.stream().filter(r -> !r.shadow && r.ticket != null && r.ticket.detectsFlapping())
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

    /**
     * Compiles the rules of a compiled configuration, which lists them in evaluation order. A rule below a rule
     * in Shadow mode is in shadow too.
     */
    public static RuleSet compile(List<NamedSpec<AlertRuleSpec>> specs) {
        Map<String, AlertRuleSpec> byName = new HashMap<>();
        specs.forEach(s -> byName.put(s.name, s.spec));
        List<CompiledRule> rules = new ArrayList<>();
        for (NamedSpec<AlertRuleSpec> s : specs) {
            rules.add(CompiledRule.compile(rules.size(), s, ancestorInShadow(s.spec, byName)));
        }
        return new RuleSet(rules);
    }

    private static boolean ancestorInShadow(AlertRuleSpec spec, Map<String, AlertRuleSpec> byName) {
        Set<String> seen = new HashSet<>();
        for (String p = spec.parent; p != null && seen.add(p); ) {
            AlertRuleSpec parent = byName.get(p);
            if (parent == null) {
                return false;
            }
            if (parent.mode == RuleMode.Shadow) {
                return true;
            }
            p = parent.parent;
        }
        return false;
    }

    public static RuleSet empty() {
        return new RuleSet(List.of());
    }

    /** Every rule, in evaluation order: a rule's position is its index here. */
    public List<CompiledRule> all() {
        return all;
    }

    /** The maintenance-window rules that silence (rules in shadow left out). */
    public List<CompiledRule> silencing() {
        return silencing;
    }

    /** The inhibiting rules that mute (rules in shadow left out). */
    public List<CompiledRule> inhibiting() {
        return inhibiting;
    }

    /** The maintenance-window rules in shadow: they would silence. */
    public List<CompiledRule> shadowSilencing() {
        return shadowSilencing;
    }

    /** The inhibiting rules in shadow: they would mute. */
    public List<CompiledRule> shadowInhibiting() {
        return shadowInhibiting;
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

    /** The index over every routing rule, those in shadow included. */
    public RuleIndex routingIndex() {
        return routing;
    }

    /**
     * The routing rules that take an alert, in order, as Alertmanager's routing tree does: at each level the
     * first matching rule, and after it further matches only while each matched rule says continue; a matching
     * rule with children passes the alert down and takes it itself only when none of its children matches. A drop
     * ends the walk: it is the last rule taken. Rules in shadow take nothing.
     */
    public List<CompiledRule> route(Map<String, String> labels, long now, RuleIndex.Candidates scratch) {
        return route(labels, Map.of(), now, scratch);
    }

    /** As {@link #route(Map, long, RuleIndex.Candidates)}, with the annotations that text conditions read. */
    public List<CompiledRule> route(Map<String, String> labels, Map<String, String> annotations, long now,
                                    RuleIndex.Candidates scratch) {
        return route(labels, annotations, now, scratch, null);
    }

    /**
     * As {@link #route(Map, Map, long, RuleIndex.Candidates)}, telling {@code observer} (when not null) of every
     * rule that matched where the walk reached it and of what the shadow subtrees on the way would have taken.
     * The rules taken are the same with or without an observer.
     */
    public List<CompiledRule> route(Map<String, String> labels, Map<String, String> annotations, long now,
                                    RuleIndex.Candidates scratch, RouteObserver observer) {
        List<CompiledRule> taken = new ArrayList<>(2);
        descend(top, labels, annotations, now, scratch, taken, observer, false);
        return taken.isEmpty() ? List.of() : taken;
    }

    /**
     * Evaluates one level: adds what its matching rules (or their children) take, to {@code taken} or, in a
     * shadow subtree ({@code inShadow}), to the observer's {@link RouteObserver#wouldTake}.
     *
     * @return {@link #MATCHED} when a rule of the level matched, {@link #STOPPED} when a drop was taken
     */
    private static int descend(Level level, Map<String, String> labels, Map<String, String> annotations, long now,
                               RuleIndex.Candidates scratch, List<CompiledRule> taken, RouteObserver observer,
                               boolean inShadow) {
        RuleIndex.Candidates c = level.index().candidates(labels, scratch);
        List<CompiledRule> rules = level.index().rules();
        int result = 0;
        for (int i = 0; i < c.size(); i++) {
            int at = c.get(i);
            CompiledRule r = rules.get(at);
            if (r.shadow && !inShadow) {
                if (observer != null) {
                    shadowSubtree(r, level.below()[at], labels, annotations, now, scratch.nested(), observer);
                }
                continue;
            }
            if (!r.matches(labels, annotations) || !r.inEffect(now)) {
                continue;
            }
            result |= MATCHED;
            if (observer != null) {
                observer.matched(r);
            }
            Level below = level.below()[at];
            int children = below == null ? 0
                    : descend(below, labels, annotations, now, scratch.nested(), taken, observer, inShadow);
            if ((children & STOPPED) != 0) {
                return result | STOPPED;
            }
            if ((children & MATCHED) == 0) {
                if (inShadow) {
                    observer.wouldTake(r);
                } else {
                    taken.add(r);
                }
                if (r.drop) {
                    return result | STOPPED;
                }
            }
            if (!r.continueMatching) {
                break;
            }
        }
        return result;
    }

    /** A shadow subtree the walk reached: its root and children walked as if enforced, telling only the observer. */
    private static void shadowSubtree(CompiledRule root, Level below, Map<String, String> labels,
                                      Map<String, String> annotations, long now, RuleIndex.Candidates scratch,
                                      RouteObserver observer) {
        if (!root.matches(labels, annotations) || !root.inEffect(now)) {
            return;
        }
        observer.matched(root);
        int children = below == null ? 0 : descend(below, labels, annotations, now, scratch, null, observer, true);
        if ((children & MATCHED) == 0) {
            observer.wouldTake(root);
        }
    }
}
