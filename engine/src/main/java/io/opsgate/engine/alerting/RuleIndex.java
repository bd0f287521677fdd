package io.opsgate.engine.alerting;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the rules an alert may match without evaluating all of them. Each rule with an equality
 * matcher on a non-empty value, a regex that is a list of literals, or a severities list, is filed under
 * one label name and its value(s): the name with the most distinct values across rules, as that splits
 * the rules most. An alert then
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
            for (Map.Entry<String, Set<String>> key : keys(r)) {
                distinct.computeIfAbsent(key.getKey(), k -> new HashSet<>()).addAll(key.getValue());
            }
        }
        Map<String, Map<String, List<Integer>>> building = new HashMap<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < this.rules.size(); i++) {
            Map.Entry<String, Set<String>> best = null;
            double bestScore = 0;
            for (Map.Entry<String, Set<String>> key : keys(this.rules.get(i))) {
                // Prefer names with many distinct values, and keys with few values of their own.
                double score = (double) distinct.get(key.getKey()).size() / key.getValue().size();
                if (score > bestScore) {
                    bestScore = score;
                    best = key;
                }
            }
            if (best == null) {
                rest.add(i);
            } else {
                for (String v : best.getValue()) {
                    building.computeIfAbsent(best.getKey(), k -> new HashMap<>()).computeIfAbsent(v, k -> new ArrayList<>()).add(i);
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

    /**
     * The (label, values) pairs a rule can be filed under: one of the values is required for it to match.
     * A set containing "" cannot be used, as an absent label matches it.
     */
    private static List<Map.Entry<String, Set<String>>> keys(CompiledRule r) {
        List<Map.Entry<String, Set<String>>> keys = new ArrayList<>();
        for (LabelMatcher m : r.compiled) {
            Set<String> values = m.requiredValues();
            if (values != null && !values.contains("")) {
                keys.add(Map.entry(m.name(), values));
            }
        }
        if (!r.severities.isEmpty() && !r.severities.contains("")) {
            keys.add(Map.entry("severity", r.severities));
        }
        return keys;
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
        private Candidates nested;

        /** The scratch for one level deeper in the routing tree, so a parent's candidates stay valid. */
        Candidates nested() {
            if (nested == null) {
                nested = new Candidates();
            }
            return nested;
        }

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
