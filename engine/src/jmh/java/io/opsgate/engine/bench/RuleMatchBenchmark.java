package io.opsgate.engine.bench;

import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.AlertRuleSpec;
import io.opsgate.api.v1alpha1.RuleActions;
import io.opsgate.api.v1alpha1.TicketAction;
import io.opsgate.engine.alerting.CompiledRule;
import io.opsgate.engine.alerting.RuleIndex;
import io.opsgate.engine.alerting.RuleSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Rule matching per alert at 10, 1,000 and 10,000 rules: what {@link RuleSet#route} costs, the index
 * included. The rules look like a tenant's: most name an alertname and a severity regex, some route by
 * team with a regex only (not indexable), and a catch-all closes the list. Half the alerts match no
 * alertname rule. Run with {@code mvn -pl engine -am -Pbench verify -DskipTests}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleMatchBenchmark {
    @Param({"10", "1000", "10000"})
    public int rules;

    private RuleSet ruleSet;
    private List<Map<String, String>> alerts;
    private final RuleIndex.Candidates scratch = new RuleIndex.Candidates();
    private int next;
    private long now;

    @Setup
    public void setup() {
        Random random = new Random(1);
        List<NamedSpec<AlertRuleSpec>> specs = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            AlertRuleSpec s = new AlertRuleSpec();
            if (i % 100 == 99) {
                s.matchers = new ArrayList<>(List.of("team=~\"team-" + (i % 7) + "|ops\"", "instance=~\"db-.*\""));
            } else {
                s.matchers = new ArrayList<>(List.of("alertname=\"Alert" + i + "\"", "severity=~\"critical|warning\"",
                        "env!=\"test\""));
            }
            s.actions = new RuleActions();
            s.actions.ticket = new TicketAction();
            specs.add(new NamedSpec<>(String.format("rule-%05d", i), 1L, s));
        }
        AlertRuleSpec catchAll = new AlertRuleSpec();
        catchAll.order = 1_000_000;
        catchAll.actions = new RuleActions();
        catchAll.actions.drop = true;
        specs.add(new NamedSpec<>("zz-catch-all", 1L, catchAll));
        ruleSet = RuleSet.compile(specs);
        alerts = new ArrayList<>();
        String[] sev = {"critical", "warning", "info"};
        for (int i = 0; i < 4096; i++) {
            Map<String, String> labels = new TreeMap<>();
            labels.put("alertname", "Alert" + random.nextInt(rules * 2));
            labels.put("instance", (random.nextBoolean() ? "web-" : "db-") + random.nextInt(500) + ":9100");
            labels.put("severity", sev[random.nextInt(3)]);
            labels.put("team", "team-" + random.nextInt(7));
            labels.put("job", "node");
            alerts.add(labels);
        }
        now = System.currentTimeMillis();
    }

    @Benchmark
    public List<CompiledRule> route() {
        Map<String, String> labels = alerts.get(next++ & 4095);
        return ruleSet.route(labels, now, scratch);
    }
}
