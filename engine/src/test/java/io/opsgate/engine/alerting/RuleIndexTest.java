package io.opsgate.engine.alerting;

import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.AlertRuleSpec;
import io.opsgate.api.v1alpha1.RuleActions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The index finds exactly what evaluating every rule in order finds, while looking at few rules. */
class RuleIndexTest {

    static RuleSet randomRules(int n, Random random) {
        List<NamedSpec<AlertRuleSpec>> specs = new ArrayList<>();
        String[] sev = {"critical", "warning", "info"};
        for (int i = 0; i < n; i++) {
            AlertRuleSpec s = new AlertRuleSpec();
            s.order = random.nextInt(100);
            switch (random.nextInt(6)) {
                case 0 -> s.matchers = new ArrayList<>(List.of("alertname=\"A" + random.nextInt(n) + "\""));
                case 1 -> s.matchers = new ArrayList<>(List.of("alertname=\"A" + random.nextInt(n) + "\"",
                        "team=~\"t" + random.nextInt(5) + "|x\""));
                case 2 -> s.severities = new ArrayList<>(List.of(sev[random.nextInt(3)]));
                case 3 -> s.matchers = new ArrayList<>(List.of("team!=\"t" + random.nextInt(5) + "\"",
                        "instance=~\"h" + random.nextInt(50) + ".*\""));
                case 4 -> s.matchers = new ArrayList<>(List.of("team=\"t" + random.nextInt(5) + "\"",
                        "alertname=\"A" + random.nextInt(n) + "\""));
                default -> s.matchers = new ArrayList<>(List.of("env=\"\"", "alertname=\"A" + random.nextInt(n) + "\""));
            }
            s.continueMatching = random.nextInt(4) == 0;
            s.actions = new RuleActions();
            s.actions.drop = false;
            s.actions.ticket = new io.opsgate.api.v1alpha1.TicketAction();
            specs.add(new NamedSpec<>(String.format("rule-%05d", i), 1L, s));
        }
        specs.sort(java.util.Comparator.comparingInt((NamedSpec<AlertRuleSpec> r) -> r.spec.order)
                .thenComparing(r -> r.name));
        return RuleSet.compile(specs);
    }

    static Map<String, String> randomAlert(int n, Random random) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", "A" + random.nextInt(n));
        labels.put("team", "t" + random.nextInt(5));
        labels.put("instance", "h" + random.nextInt(100) + ":9100");
        labels.put("severity", new String[]{"critical", "warning", "info"}[random.nextInt(3)]);
        if (random.nextBoolean()) {
            labels.put("env", "prod");
        }
        return labels;
    }

    /** What evaluating every rule in order finds. */
    private static List<String> linear(RuleSet rules, Map<String, String> labels, long now) {
        List<String> result = new ArrayList<>();
        for (CompiledRule r : rules.routingIndex().rules()) {
            if (r.matches(labels) && r.inEffect(now)) {
                result.add(r.name);
                if (!r.continueMatching) {
                    break;
                }
            }
        }
        return result;
    }

    @Test
    void findsTheSameRulesAsEvaluatingAllOfThem() {
        Random random = new Random(42);
        RuleSet rules = randomRules(2000, random);
        RuleIndex.Candidates scratch = new RuleIndex.Candidates();
        for (int i = 0; i < 5000; i++) {
            Map<String, String> alert = randomAlert(2000, random);
            assertThat(rules.route(alert, 0, scratch).stream().map(r -> r.name).toList())
                    .as("alert %s", alert).isEqualTo(linear(rules, alert, 0));
        }
    }

    @Test
    void looksAtFewRulesWhenMostHaveEqualityMatchers() {
        Random random = new Random(7);
        List<NamedSpec<AlertRuleSpec>> specs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            AlertRuleSpec s = new AlertRuleSpec();
            s.matchers = new ArrayList<>(List.of("alertname=\"A" + i + "\"", "severity=~\"critical|warning\""));
            s.actions = new RuleActions();
            s.actions.drop = true;
            specs.add(new NamedSpec<>("r" + i, 1L, s));
        }
        RuleSet rules = RuleSet.compile(specs);
        RuleIndex.Candidates c = rules.routingIndex().candidates(randomAlert(10_000, random), new RuleIndex.Candidates());
        assertThat(c.size()).isEqualTo(1);
    }
}
