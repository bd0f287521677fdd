package io.opsgate.engine.alerting;

/**
 * Told, during one walk of the routing tree ({@link RuleSet#route(java.util.Map, java.util.Map, long,
 * RuleIndex.Candidates, RouteObserver)}), of what the walk found besides the rules that take the alert: every rule
 * whose conditions held where the walk reached it, and what the rules in shadow would have taken. Only with an
 * observer are rules in shadow evaluated at all.
 */
public interface RouteObserver {
    /**
     * The rule's matchers, severities, text and time held where the walk reached it: a rule that takes the
     * alert, a parent that passed it to a child, or a rule in shadow.
     */
    void matched(CompiledRule rule);

    /**
     * A rule in shadow would take the alert were its shadow subtree enforced. In evaluation order; a would-be
     * drop is the last of its subtree.
     */
    void wouldTake(CompiledRule rule);
}
