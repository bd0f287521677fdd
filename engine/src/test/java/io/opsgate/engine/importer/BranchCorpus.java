package io.opsgate.engine.importer;

import io.opsgate.api.matcher.Matcher;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Label sets that cover a routing tree: for every route one that reaches it, one per matcher that just
 * misses it, one that misses all of a route's children (so the route itself takes it), and one for every
 * pair of routes (so continue and first-match-wins are both exercised).
 */
final class BranchCorpus {
    private BranchCorpus() {
    }

    /** A route with the matchers an alert must satisfy to reach it (its ancestors' and its own). */
    private record Node(AmConfig.Route route, List<Matcher> path, List<Matcher> parentPath) {
    }

    /** Each constraint is solved once with the first fitting values and twice with random ones and random other labels. */
    private static final int RANDOM_VARIANTS = 2;

    static Set<Map<String, String>> of(AmConfig am) {
        LabelSpace space = LabelSpace.of(am);
        Random random = new Random(4711);
        List<Node> nodes = new ArrayList<>();
        collect(am.route, List.of(), nodes);
        Set<Map<String, String>> alerts = new LinkedHashSet<>();
        for (Node n : nodes) {
            add(alerts, space, random, List.of(n.path(), List.of()));
            for (Matcher own : n.route().matchers) {
                List<Matcher> rest = new ArrayList<>(n.parentPath());
                n.route().matchers.stream().filter(m -> m != own).forEach(rest::add);
                add(alerts, space, random, List.of(rest, List.of(own)));
            }
            if (!n.route().routes.isEmpty()) {
                List<Matcher> missEveryChild = new ArrayList<>();
                n.route().routes.forEach(c -> missEveryChild.addAll(c.matchers.isEmpty() ? List.of()
                        : c.matchers.subList(0, 1)));
                add(alerts, space, random, List.of(n.path(), missEveryChild));
            }
            for (Node other : nodes) {
                if (other != n) {
                    List<Matcher> both = new ArrayList<>(n.path());
                    both.addAll(other.path());
                    add(alerts, space, random, List.of(both, List.of()));
                }
            }
        }
        return alerts;
    }

    private static void collect(AmConfig.Route r, List<Matcher> parentPath, List<Node> into) {
        List<Matcher> path = new ArrayList<>(parentPath);
        path.addAll(r.matchers);
        into.add(new Node(r, path, parentPath));
        r.routes.forEach(c -> collect(c, path, into));
    }

    private static void add(Set<Map<String, String>> alerts, LabelSpace space, Random random,
                            List<List<Matcher>> constraint) {
        add(alerts, space.solve(constraint.get(0), constraint.get(1)));
        for (int i = 0; i < RANDOM_VARIANTS; i++) {
            add(alerts, space.solve(constraint.get(0), constraint.get(1), random));
        }
    }

    private static void add(Set<Map<String, String>> alerts, Map<String, String> labels) {
        if (labels != null) {
            alerts.add(labels);
        }
    }
}
