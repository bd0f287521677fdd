package io.opsgate.engine.importer;

import io.opsgate.api.matcher.MatchType;
import io.opsgate.api.matcher.Matcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The label names and values a configuration's matchers talk about, with values that satisfy and values
 * that miss each matcher, so that label sets reaching every route (and just missing it) can be built.
 */
final class LabelSpace {
    private final Map<String, List<String>> pool;

    private LabelSpace(Map<String, List<String>> pool) {
        this.pool = pool;
    }

    /** The names and values of every matcher of the routes and inhibit rules. */
    static LabelSpace of(AmConfig config) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        List<Matcher> all = new ArrayList<>();
        collect(config.route, all);
        for (AmConfig.InhibitRule r : config.inhibitRules) {
            all.addAll(r.source);
            all.addAll(r.target);
            r.equal.forEach(e -> values.computeIfAbsent(e, k -> new LinkedHashSet<>()).addAll(List.of("a", "b")));
        }
        long seed = 17;
        for (Matcher m : all) {
            Set<String> v = values.computeIfAbsent(m.name(), k -> new LinkedHashSet<>());
            if (m.type() == MatchType.EQUAL || m.type() == MatchType.NOT_EQUAL) {
                v.add(m.value());
                v.add(m.value() + "x");
            } else {
                Matcher positive = Matcher.of(m.name(), MatchType.REGEX, m.value());
                for (String s : RegexSampler.samples(m.value(), 8, seed++)) {
                    if (positive.matches(s)) {
                        v.add(s);
                    }
                }
                v.add("zz");
            }
            v.add("other");
        }
        Map<String, List<String>> pool = new TreeMap<>();
        values.forEach((k, v) -> pool.put(k, v.stream().filter(s -> !s.isEmpty()).toList()));
        return new LabelSpace(pool);
    }

    private static void collect(AmConfig.Route r, List<Matcher> into) {
        into.addAll(r.matchers);
        r.routes.forEach(c -> collect(c, into));
    }

    List<String> names() {
        return List.copyOf(pool.keySet());
    }

    List<String> values(String name) {
        return pool.getOrDefault(name, List.of());
    }

    /**
     * A label set in which every matcher of {@code must} holds and every one of {@code mustNot} fails, or
     * null when the pool has no such values. Labels no matcher names are left out, except alertname.
     */
    Map<String, String> solve(List<Matcher> must, List<Matcher> mustNot) {
        return solve(must, mustNot, null);
    }

    /**
     * As {@link #solve(List, List)}; with a {@code random}, the values are drawn among those that fit and the
     * labels no matcher of the constraints names get random values of the space.
     */
    Map<String, String> solve(List<Matcher> must, List<Matcher> mustNot, Random random) {
        Map<String, String> labels = new TreeMap<>();
        if (random != null) {
            labels.putAll(random(random));
        }
        Set<String> names = new LinkedHashSet<>();
        must.forEach(m -> names.add(m.name()));
        mustNot.forEach(m -> names.add(m.name()));
        for (String name : names) {
            List<String> candidates = new ArrayList<>();
            candidates.add(null);
            candidates.addAll(values(name));
            List<String> fitting = new ArrayList<>();
            for (String c : candidates) {
                if (must.stream().filter(m -> m.name().equals(name)).allMatch(m -> m.matches(c))
                        && mustNot.stream().filter(m -> m.name().equals(name)).noneMatch(m -> m.matches(c))) {
                    fitting.add(c);
                }
            }
            if (fitting.isEmpty()) {
                return null;
            }
            String chosen = random == null ? fitting.get(0) : fitting.get(random.nextInt(fitting.size()));
            if (chosen != null) {
                labels.put(name, chosen);
            } else {
                labels.remove(name);
            }
        }
        if (!names.contains("alertname")) {
            labels.putIfAbsent("alertname", "CorpusAlert");
        }
        return labels;
    }

    /** A random label set over the space, with a value outside it now and then. */
    Map<String, String> random(Random r) {
        Map<String, String> labels = new TreeMap<>();
        for (String name : pool.keySet()) {
            int pick = r.nextInt(pool.get(name).size() + 2);
            if (pick < pool.get(name).size()) {
                labels.put(name, pool.get(name).get(pick));
            } else if (pick == pool.get(name).size()) {
                labels.put(name, "r" + r.nextInt(1000));
            }
        }
        labels.putIfAbsent("alertname", "RandomAlert");
        return labels;
    }
}
