package io.opsgate.engine.alerting;

import io.opsgate.api.matcher.Matcher;
import io.opsgate.engine.domain.Alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Inhibition as in Alertmanager: a firing alert matching a rule (its matchers and severities, while the
 * rule is in effect) mutes alerts matching the rule's targetMatchers whose values of the equal labels
 * are the same. An alert never inhibits itself; when the muted alert matches the rule's source side too,
 * sources that also match the target side do not count (Alertmanager's two-sided exclusion, which keeps
 * two such alerts from muting each other). Unlike Alertmanager, an alert that is itself inhibited
 * inhibits nothing. Sources are indexed by their equal-label values, so a check costs a map lookup per
 * inhibit rule. The inhibiting rules in shadow have an inhibitor of their own, which asks the enforced one
 * whether a source is itself muted.
 */
public final class Inhibitor {
    private static final Consumer<CompiledRule> NO_ONE = r -> { };

    private final List<CompiledRule> rules;
    /** Whether a source is itself inhibited: this inhibitor, or for rules in shadow the enforced one. */
    private final Inhibitor enforced;
    /** Per inhibiting rule: equal-label values to the fingerprints of alerts matching the rule. */
    private final Map<String, Map<List<String>, Set<String>>> sources = new HashMap<>();

    /** The inhibitor of the rules that mute. */
    public Inhibitor(RuleSet rules) {
        this.rules = rules.inhibiting();
        this.enforced = this;
    }

    /** The inhibitor of rules in shadow: {@code enforced} decides whether their sources are muted themselves. */
    public Inhibitor(List<CompiledRule> shadowRules, Inhibitor enforced) {
        this.rules = List.copyOf(shadowRules);
        this.enforced = enforced;
    }

    /** Files an alert as a possible source; call for every held alert, and again after a configuration change. */
    public void add(Alert alert) {
        for (CompiledRule r : rules) {
            if (r.matches(alert.labels, alert.annotations)) {
                sources.computeIfAbsent(r.name, k -> new HashMap<>())
                        .computeIfAbsent(equalValues(r, alert.labels), k -> new LinkedHashSet<>())
                        .add(alert.fingerprint);
            }
        }
    }

    /** Forgets an alert that is no longer held. */
    public void remove(Alert alert) {
        for (CompiledRule r : rules) {
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
        return inhibitedBy(alert, now, held, true, NO_ONE);
    }

    /** As {@link #inhibitedBy(Alert, long, Function)}, telling {@code byRule} once of each rule that mutes it. */
    public List<String> inhibitedBy(Alert alert, long now, Function<String, Alert> held, Consumer<CompiledRule> byRule) {
        return inhibitedBy(alert, now, held, true, byRule);
    }

    private List<String> inhibitedBy(Alert alert, long now, Function<String, Alert> held, boolean checkSources,
                                     Consumer<CompiledRule> byRule) {
        List<String> result = null;
        for (CompiledRule r : rules) {
            if (!targets(r, alert.labels) || !r.inEffect(now)) {
                continue;
            }
            Map<List<String>, Set<String>> byKey = sources.get(r.name);
            Set<String> fps = byKey == null ? null : byKey.get(equalValues(r, alert.labels));
            if (fps == null) {
                continue;
            }
            boolean twoSided = r.matches(alert.labels, alert.annotations);
            boolean muting = false;
            for (String fp : fps) {
                if (fp.equals(alert.fingerprint)) {
                    continue;
                }
                Alert source = held.apply(fp);
                if (source == null || !source.firingAt(now) || (twoSided && targets(r, source.labels))) {
                    continue;
                }
                // One level deep: a source muted by another source does not mute. Going deeper could loop.
                if (checkSources && !enforced.inhibitedBy(source, now, held, false, NO_ONE).isEmpty()) {
                    continue;
                }
                if (result == null) {
                    result = new ArrayList<>(1);
                }
                result.add(fp);
                muting = true;
            }
            if (muting) {
                byRule.accept(r);
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
