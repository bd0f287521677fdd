package io.opsgate.engine.importer;

import io.opsgate.api.matcher.MatchType;
import io.opsgate.api.matcher.Matcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inhibit rules as AlertRules with {@code inhibit}: the source matchers are the rule's matchers, the target
 * matchers and equal labels its inhibit section. Such a rule routes nothing.
 */
final class InhibitTranslator {
    /** Matches every alert: a missing label matches as the empty string, which {@code .*} matches. */
    private static final Matcher ANY = Matcher.of("alertname", MatchType.REGEX, ".*");

    private final ImportOptions options;
    private final String source;
    private final Names names = new Names();

    InhibitTranslator(ImportOptions options, String source) {
        this.options = options;
        this.source = source;
    }

    List<Manifest> translate(List<AmConfig.InhibitRule> rules) {
        List<Manifest> result = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            AmConfig.InhibitRule r = rules.get(i);
            String name = names.unique(options.prefix() + "-inhibit-" + (i + 1)
                    + (r.name == null || r.name.isEmpty() ? "" : "-" + Names.slug(r.name)));
            Manifest m = Manifest.of("opsgate.io/v1alpha1", "AlertRule", name, options.namespace(), source)
                    .annotate("opsgate.io/alertmanager-inhibit-rule", "inhibit_rules[" + i + "]");
            m.comment("inhibit_rules[" + i + "] (" + r.position + ")" + (r.name == null ? "" : " \"" + r.name + "\""));
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("order", options.order());
            if (!r.source.isEmpty()) {
                spec.put("matchers", RouteTranslator.format(r.source));
            }
            Map<String, Object> inhibit = new LinkedHashMap<>();
            List<Matcher> target = r.target;
            if (target.isEmpty()) {
                // Alertmanager's empty target list mutes every alert; opsgate needs a matcher that says so.
                target = List.of(ANY);
                m.comment("no target matchers: every alert with equal labels is a target (alertname=~\".*\")");
            }
            inhibit.put("targetMatchers", RouteTranslator.format(target));
            if (!r.equal.isEmpty()) {
                inhibit.put("equal", List.copyOf(r.equal));
            }
            spec.put("inhibit", inhibit);
            m.put("spec", spec);
            result.add(m);
        }
        return result;
    }

    /**
     * Pairs of inhibit rules where the first may mute alerts that are sources of the second. Alertmanager
     * lets such a muted alert still mute others; opsgate does not (an inhibited alert inhibits nothing), so
     * an alert muted only through such a chain notifies in opsgate.
     */
    static List<Finding> chains(List<AmConfig.InhibitRule> rules) {
        List<Finding> result = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            for (int j = 0; j < rules.size(); j++) {
                if (i != j && mayOverlap(rules.get(i).target, rules.get(j).source)) {
                    result.add(new Finding(rules.get(i).position, "inhibit_rules[" + i + "]", "its targets may be "
                            + "sources of inhibit_rules[" + j + "]: an alert it mutes still mutes others in Alertmanager "
                            + "but not in opsgate, so an alert muted only through that chain is notified in opsgate"));
                }
            }
        }
        return result;
    }

    /**
     * Whether some label set could match both lists; false only when a label must equal a value that
     * another matcher on it refuses (regexes are not intersected, so this may say true for disjoint lists).
     */
    static boolean mayOverlap(List<Matcher> a, List<Matcher> b) {
        List<Matcher> all = new ArrayList<>(a);
        all.addAll(b);
        for (Matcher m : all) {
            if (m.type() == MatchType.EQUAL) {
                for (Matcher other : all) {
                    if (other.name().equals(m.name()) && !other.matches(m.value())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
