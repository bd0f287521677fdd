package io.opsgate.engine.alerting;

import io.opsgate.api.matcher.Matcher;
import io.opsgate.engine.domain.Alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Inhibition as in Alertmanager: a firing alert matching a rule (its matchers and severities, while the
 * rule is in effect) mutes alerts matching the rule's targetMatchers whose values of the equal labels
 * are the same. An alert never inhibits itself; when the muted alert matches the rule's source side too,
 * sources that also match the target side do not count (Alertmanager's two-sided exclusion, which keeps
 * two such alerts from muting each other). Unlike Alertmanager, an alert that is itself inhibited
 * inhibits nothing. Sources are indexed by their equal-label values, so a check costs a map lookup per
 * inhibit rule.
 */
public final class Inhibitor {
    private final RuleSet rules;
    /** Per inhibiting rule: equal-label values to the fingerprints of alerts matching the rule. */
    private final Map<String, Map<List<String>, Set<String>>> sources = new HashMap<>();

    public Inhibitor(RuleSet rules) {
        this.rules = rules;
    }

    /** Files an alert as a possible source; call for every held alert, and again after a configuration change. */
    public void add(Alert alert) {
        for (CompiledRule r : rules.inhibiting()) {
            if (r.matches(alert.labels, alert.annotations)) {
                sources.computeIfAbsent(r.name, k -> new HashMap<>())
                        .computeIfAbsent(equalValues(r, alert.labels), k -> new LinkedHashSet<>())
                        .add(alert.fingerprint);
            }
        }
    }

    /** Forgets an alert that is no longer held. */
    public void remove(Alert alert) {
        for (CompiledRule r : rules.inhibiting()) {
            Map<List<String>, Set<String>> byKey = sources.get(r.name);
            if (byKey != null) {
                List<String> key = equalValues(r, alert.labels);
                Set<String> fps = byKey.get(key);
                if (fps != null && fps.remove(alert.fingerprint) && fps.isEmpty()) {
                    byKey.remove(key);
                }
            }
        }
    }

    /** The fingerprints of the firing, uninhibited alerts that mute this one at {@code now}. */
    public List<String> inhibitedBy(Alert alert, long now, Function<String, Alert> held) {
        return inhibitedBy(alert, now, held, true);
    }

    private List<String> inhibitedBy(Alert alert, long now, Function<String, Alert> held, boolean checkSources) {
        List<String> result = null;
        for (CompiledRule r : rules.inhibiting()) {
            if (!targets(r, alert.labels) || !r.inEffect(now)) {
                continue;
            }
            Map<List<String>, Set<String>> byKey = sources.get(r.name);
            Set<String> fps = byKey == null ? null : byKey.get(equalValues(r, alert.labels));
            if (fps == null) {
                continue;
            }
            boolean twoSided = r.matches(alert.labels, alert.annotations);
            for (String fp : fps) {
                if (fp.equals(alert.fingerprint)) {
                    continue;
                }
                Alert source = held.apply(fp);
                if (source == null || !source.firingAt(now) || (twoSided && targets(r, source.labels))) {
                    continue;
                }
                // One level deep: a source muted by another source does not mute. Going deeper could loop.
                if (checkSources && !inhibitedBy(source, now, held, false).isEmpty()) {
                    continue;
                }
                if (result == null) {
                    result = new ArrayList<>(1);
                }
                result.add(fp);
            }
        }
        return result == null ? List.of() : result;
    }

    private static boolean targets(CompiledRule r, Map<String, String> labels) {
        for (Matcher m : r.inhibit.targetMatchers()) {
            if (!m.matches(labels.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> equalValues(CompiledRule r, Map<String, String> labels) {
        List<String> values = new ArrayList<>(r.inhibit.equal().size());
        for (String name : r.inhibit.equal()) {
            values.add(labels.getOrDefault(name, ""));
        }
        return values;
    }
}
