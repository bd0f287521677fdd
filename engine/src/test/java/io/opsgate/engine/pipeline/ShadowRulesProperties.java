package io.opsgate.engine.pipeline;

import io.opsgate.engine.alerting.AlertGroupView;
import io.opsgate.engine.alerting.AlertQuery;
import io.opsgate.engine.alerting.AlertView;
import io.opsgate.engine.alerting.Fingerprints;
import io.opsgate.engine.alerting.RuleSet;
import io.opsgate.engine.domain.IncomingAlert;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.store.Keys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.support.MemoryStore;
import io.opsgate.engine.support.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static io.opsgate.engine.support.Rules.set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shadow rule never changes an alert's fate: for random rule sets (routing trees with continue, drop, tickets,
 * notifications, maintenance windows, inhibition) and random alerts over time, two pipelines, one with and one
 * without rules in shadow, leave every alert with the same rule, drop, channels, silences, inhibitions and ticket,
 * make the same groups (keys, receivers, members) and write the same notifications.
 */
class ShadowRulesProperties {
    private static final String[][] LABELS = {
            {"alertname", "A", "B", "C"}, {"team", "db", "web"}, {"severity", "critical", "warning", "info"},
            {"env", "prod", "test"}, {"node", "n1", "n2"}};
    private static final String[] CHANNELS = {"c1", "c2", "c3"};
    private static final AlertQuery ALL = new AlertQuery(List.of(), true, true, true, null);

    /** One generated rule: its name, order, YAML, whether it routes, and whether it is in shadow (own or a parent's). */
    record GeneratedRule(String name, int order, String yaml, boolean routes, boolean inShadow) {
    }

    /** An alert received (labels, resolved or not) after the clock moved on by {@code afterSeconds}; null labels: a tick. */
    record Step(long afterSeconds, Map<String, String> labels, boolean resolved) {
    }

    /** Rules with and without shadow, and what happens over time. */
    record Scenario(List<GeneratedRule> rules, List<Step> steps) {
        RuleSet withShadow() {
            return compile(rules);
        }

        RuleSet withoutShadow() {
            return compile(rules.stream().filter(r -> !r.inShadow()).toList());
        }

        private static RuleSet compile(List<GeneratedRule> rules) {
            List<String> nameYaml = new ArrayList<>();
            rules.stream().sorted(Comparator.comparingInt(GeneratedRule::order).thenComparing(GeneratedRule::name))
                    .forEach(r -> {
                        nameYaml.add(r.name());
                        nameYaml.add(r.yaml());
                    });
            return set(nameYaml.toArray(String[]::new));
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("rules:\n");
            for (GeneratedRule r : rules) {
                sb.append("--- ").append(r.name()).append(r.inShadow() ? " (in shadow)" : "").append('\n')
                        .append(r.yaml()).append('\n');
            }
            sb.append("steps:\n");
            steps.forEach(s -> sb.append("  +").append(s.afterSeconds()).append("s ")
                    .append(s.labels() == null ? "tick" : (s.resolved() ? "resolved " : "firing ") + s.labels()).append('\n'));
            return sb.toString();
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.randomValue(ShadowRulesProperties::scenario);
    }

    @Property(tries = 200)
    void shadowRulesNeverChangeTheFateOfAnAlert(@ForAll("scenarios") Scenario s) {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        MemoryStore withStore = new MemoryStore();
        MemoryStore withoutStore = new MemoryStore();
        TenantEngine with = engine(withStore, clock, s.withShadow());
        TenantEngine without = engine(withoutStore, clock, s.withoutShadow());
        int i = 0;
        for (Step step : s.steps()) {
            clock.advance(Duration.ofSeconds(step.afterSeconds()));
            if (step.labels() == null) {
                with.tick().join();
                without.tick().join();
            } else {
                IncomingAlert in = new IncomingAlert(Fingerprints.hex(step.labels()), step.labels(), Map.of(), 0, 0, "",
                        step.resolved());
                with.ingest(List.of(in)).join();
                without.ingest(List.of(in)).join();
            }
            i++;
            assertThat(fate(with, withStore)).as("after step %d of\n%s", i, s).isEqualTo(fate(without, withoutStore));
        }
    }

    private static TenantEngine engine(MemoryStore store, MutableClock clock, RuleSet rules) {
        TenantEngine e = new TenantEngine("demo", store, clock, new EngineMetrics().tenant("demo"));
        e.load();
        e.configure(rules, Duration.ofDays(7).toMillis(), Duration.ofDays(90).toMillis());
        return e;
    }

    /** Everything that makes up the fate of the alerts held by one pipeline. */
    record Fate(List<String> alerts, List<String> tickets, List<String> groups, List<String> notifications) {
    }

    private static Fate fate(TenantEngine e, MemoryStore store) {
        List<String> alerts = new ArrayList<>();
        for (AlertView a : e.alerts().alerts(ALL)) {
            alerts.add(a.fingerprint() + " rule=" + a.rule() + " dropped=" + a.dropped() + " channels=" + a.receivers()
                    + " state=" + a.state() + " silencedBy=" + a.silencedBy() + " inhibitedBy=" + a.inhibitedBy()
                    + " ticket=" + a.ticketId());
        }
        List<String> tickets = new ArrayList<>();
        for (Ticket t : e.tickets().page(Set.of(), Set.of(), Set.of(), List.of(), 0, 500)) {
            tickets.add(t.id + " " + t.priority + " " + t.state + " rule=" + t.rule + " group=" + t.groupKey
                    + " alerts=" + new TreeMap<>(t.alerts).keySet());
        }
        List<String> groups = new ArrayList<>();
        for (AlertGroupView g : e.alerts().groups(ALL, true)) {
            groups.add(g.key() + " -> " + g.receiver() + " " + g.alerts().stream().map(AlertView::fingerprint).toList());
        }
        List<String> notifications = new ArrayList<>();
        store.scan(Keys.OUTBOX, (k, v) -> {
            OutboxEntry n = RecordCodec.decode(v, OutboxEntry.class);
            notifications.add(n.seq + " " + n.type + " " + n.channels + " " + n.groupKey + " " + n.status + " ticket="
                    + n.ticketId + " " + n.alerts.stream().map(a -> a.fingerprint() + ":" + a.status()).toList());
        });
        return new Fate(alerts, tickets, groups, notifications);
    }

    static Scenario scenario(Random r) {
        List<GeneratedRule> rules = new ArrayList<>();
        int enforced = r.nextInt(9);
        int shadow = 1 + r.nextInt(6);
        for (int i = 0; i < enforced + shadow; i++) {
            rules.add(rule(r, "r" + i, i >= enforced || r.nextInt(10) == 0, rules));
        }
        List<Step> steps = new ArrayList<>();
        int n = 1 + r.nextInt(20);
        for (int i = 0; i < n; i++) {
            long after = r.nextInt(4) == 0 ? r.nextInt(400) : r.nextInt(5);
            steps.add(r.nextInt(5) == 0 ? new Step(after, null, false) : new Step(after, labels(r), r.nextInt(7) == 0));
        }
        return new Scenario(rules, steps);
    }

    private static GeneratedRule rule(Random r, String name, boolean shadowMode, List<GeneratedRule> earlier) {
        StringBuilder y = new StringBuilder();
        int order = r.nextInt(30);
        y.append("order: ").append(order).append('\n');
        if (shadowMode) {
            y.append("mode: Shadow\n");
        }
        y.append("matchers: [").append(String.join(", ", matchers(r))).append("]\n");
        if (r.nextBoolean()) {
            y.append("continue: true\n");
        }
        List<GeneratedRule> parents = earlier.stream().filter(GeneratedRule::routes).toList();
        GeneratedRule parent = !parents.isEmpty() && r.nextInt(3) == 0 ? parents.get(r.nextInt(parents.size())) : null;
        int kind = r.nextInt(parent == null ? 8 : 6);
        boolean routes = kind < 6;
        if (parent != null) {
            y.append("parent: ").append(parent.name()).append('\n');
        }
        switch (kind) {
            case 0 -> y.append("actions: {drop: true}\n");
            case 1 -> y.append("actions: {ticket: {priority: P").append(1 + r.nextInt(5)).append("}}\n");
            case 2, 3 -> y.append("actions: {notify: ").append(notify(r)).append("}\n");
            case 4 -> y.append("actions: {ticket: {priority: P").append(1 + r.nextInt(5)).append(", groupBy: [")
                    .append(r.nextBoolean() ? "node" : "alertname").append("]}, notify: ").append(notify(r)).append("}\n");
            case 5 -> y.append("actions: {notify: {channels: []}}\n");
            case 6 -> y.append("actions: {silence: {}}\n");
            default -> y.append("inhibit: {targetMatchers: [").append(String.join(", ", matchers(r)))
                    .append("], equal: [node]}\n");
        }
        boolean inShadow = shadowMode || (parent != null && parent.inShadow());
        return new GeneratedRule(name, order, y.toString(), routes, inShadow);
    }

    private static String notify(Random r) {
        List<String> channels = new ArrayList<>();
        for (String c : CHANNELS) {
            if (r.nextInt(3) == 0) {
                channels.add(c);
            }
        }
        if (channels.isEmpty()) {
            channels.add(CHANNELS[r.nextInt(CHANNELS.length)]);
        }
        String groupBy = switch (r.nextInt(4)) {
            case 0 -> "[]";
            case 1 -> "[alertname]";
            case 2 -> "[alertname, node]";
            default -> "['...']";
        };
        return "{channels: " + channels + ", groupBy: " + groupBy + ", groupWait: " + (r.nextBoolean() ? "0s" : "30s")
                + ", groupInterval: 1m}";
    }

    private static List<String> matchers(Random r) {
        List<String> result = new ArrayList<>();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            String[] label = LABELS[r.nextInt(LABELS.length)];
            String value = label[1 + r.nextInt(label.length - 1)];
            String m = switch (r.nextInt(5)) {
                case 0 -> label[0] + "!=\"" + value + "\"";
                case 1 -> label[0] + "=~\"" + value + "|" + label[1] + "\"";
                case 2 -> label[0] + "!~\"" + value + "\"";
                default -> label[0] + "=\"" + value + "\"";
            };
            result.add("'" + m + "'");
        }
        return result;
    }

    private static Map<String, String> labels(Random r) {
        Map<String, String> labels = new TreeMap<>();
        for (String[] label : LABELS) {
            if (label[0].equals("alertname") || r.nextInt(5) < 3) {
                labels.put(label[0], label[1 + r.nextInt(label.length - 1)]);
            }
        }
        return labels;
    }
}
