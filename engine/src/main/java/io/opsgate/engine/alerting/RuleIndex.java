package io.opsgate.engine.alerting;

import io.opsgate.api.matcher.MatchType;
import io.opsgate.api.matcher.Matcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the rules an alert may match without evaluating all of them. Each rule with an equality
 * matcher on a non-empty value (or a severities list) is filed under one label name and value(s): the
 * name with the most distinct values across rules, as that splits the rules most. An alert then
 * looks up each of its labels, and only the rules found there plus the rules that cannot be filed
 * are evaluated.
 */
public final class RuleIndex {
    private final List<CompiledRule> rules;
    private final Map<String, Map<String, int[]>> byLabel = new HashMap<>();
    private final int[] unindexed;

    public RuleIndex(List<CompiledRule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, Set<String>> distinct = new HashMap<>();
        for (CompiledRule r : rules) {
            for (Matcher m : r.matchers) {
                if (indexable(m)) {
                    distinct.computeIfAbsent(m.name(), k -> new HashSet<>()).add(m.value());
                }
            }
            if (indexableSeverities(r)) {
                distinct.computeIfAbsent("severity", k -> new HashSet<>()).addAll(r.severities);
            }
        }
        Map<String, Map<String, List<Integer>>> building = new HashMap<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < this.rules.size(); i++) {
            CompiledRule r = this.rules.get(i);
            String bestName = null;
            Set<String> bestValues = null;
            int bestScore = 0;
            for (Matcher m : r.matchers) {
                if (indexable(m) && distinct.get(m.name()).size() > bestScore) {
                    bestScore = distinct.get(m.name()).size();
                    bestName = m.name();
                    bestValues = Set.of(m.value());
                }
            }
            if (indexableSeverities(r) && distinct.get("severity").size() / Math.max(1, r.severities.size()) > bestScore) {
                bestName = "severity";
                bestValues = r.severities;
            }
            if (bestName == null) {
                rest.add(i);
            } else {
                for (String v : bestValues) {
                    building.computeIfAbsent(bestName, k -> new HashMap<>()).computeIfAbsent(v, k -> new ArrayList<>()).add(i);
                }
            }
        }
        building.forEach((name, values) -> {
            Map<String, int[]> m = new HashMap<>();
            values.forEach((v, ids) -> m.put(v, ids.stream().mapToInt(Integer::intValue).toArray()));
            byLabel.put(name, m);
        });
        this.unindexed = rest.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean indexable(Matcher m) {
        return m.type() == MatchType.EQUAL && !m.value().isEmpty();
    }

    private static boolean indexableSeverities(CompiledRule r) {
        return !r.severities.isEmpty() && !r.severities.contains("");
    }

    public List<CompiledRule> rules() {
        return rules;
    }

    /**
     * The positions of the rules the labels may match, in evaluation order. {@code scratch} is reused
     * between calls of one thread to avoid allocation; the result is valid until the next call.
     */
    public Candidates candidates(Map<String, String> labels, Candidates scratch) {
        scratch.size = 0;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            Map<String, int[]> values = byLabel.get(label.getKey());
            if (values != null) {
                int[] ids = values.get(label.getValue());
                if (ids != null) {
                    scratch.addAll(ids);
                }
            }
        }
        scratch.addAll(unindexed);
        Arrays.sort(scratch.ids, 0, scratch.size);
        return scratch;
    }

    /** A reusable list of rule positions. */
    public static final class Candidates {
        int[] ids = new int[16];
        int size;

        void addAll(int[] more) {
            if (size + more.length > ids.length) {
                ids = Arrays.copyOf(ids, Math.max(ids.length * 2, size + more.length));
            }
            System.arraycopy(more, 0, ids, size, more.length);
            size += more.length;
        }

        public int size() {
            return size;
        }

        public int get(int i) {
            return ids[i];
        }
    }
}
