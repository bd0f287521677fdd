package io.opsgate.api.config;

import io.opsgate.api.v1alpha1.AlertRuleSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The routing tree that the AlertRules' {@code parent} fields form. Public so the admission webhook
 * rejects a cycle with exactly the verdict the compiler reaches.
 */
public final class RuleTree {
    private RuleTree() {
    }

    /** Whether a rule takes alerts (drop, ticket or notify), so it can be a parent. */
    public static boolean routes(AlertRuleSpec spec) {
        return spec != null && spec.actions != null && (Boolean.TRUE.equals(spec.actions.drop)
                || spec.actions.ticket != null || spec.actions.notify != null);
    }

    /**
     * For every rule on a cycle of parents, the cycle through it as a path of names ({@code a -> b -> a}).
     *
     * @param parentOf each rule's parent; a rule without parent may be absent or map to null
     */
    public static Map<String, List<String>> cycles(Map<String, String> parentOf) {
        Map<String, List<String>> result = new TreeMap<>();
        for (String start : parentOf.keySet()) {
            List<String> path = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            path.add(start);
            // A walk up the parents: each rule has one parent, so it either ends at the top or loops.
            for (String current = parentOf.get(start); current != null && seen.add(current);
                 current = parentOf.get(current)) {
                path.add(current);
                if (current.equals(start)) {
                    result.put(start, path);
                    break;
                }
            }
        }
        return result;
    }
}
