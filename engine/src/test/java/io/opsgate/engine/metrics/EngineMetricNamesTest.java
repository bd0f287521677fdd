package io.opsgate.engine.metrics;

import io.opsgate.engine.notify.delivery.NotifyMetrics;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names in EngineMetricNames and what the registry exports agree both ways, with the tenant tag
 * everywhere and exactly the labels and histograms the class states.
 */
class EngineMetricNamesTest {
    private static final Pattern SAMPLE = Pattern.compile("^(opsgate_[a-z_]+)\\{([^}]*)} ", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    private static String scrapeWithEveryMeter() {
        EngineMetrics metrics = new EngineMetrics();
        EngineMetrics.TenantMeters m = metrics.tenant("demo");
        m.received("api", 1);
        m.rejected("invalid", 1);
        m.dropped("rule");
        m.ticketOpened("P1");
        m.configReload("success");
        m.commit(1_000_000);
        m.pipelineLatency.record(java.time.Duration.ofMillis(1));
        m.gauges(() -> 1, () -> 2);
        m.monitorCheck("web", "down", 1_000_000);
        m.jobRunRequested("restart", "requested");
        m.jobRunFailed("restart");
        m.mailReceived();
        m.mailAccepted();
        m.mailRejected("sender_not_allowed");
        m.mailParseWarning();
        NotifyMetrics n = new NotifyMetrics(metrics.registry());
        n.sent("demo", "ops", "notification");
        n.failed("demo", "ops", "notification");
        n.retried("demo", "ops", "notification");
        n.deadLettered("demo", "ops", "escalation");
        n.delivered("demo", "ops", "notification", 12);
        n.queueDepth("demo", "ops").set(3);
        return metrics.scrape();
    }

    @Test
    void classAndRegistryAgreeBothWays() {
        String text = scrapeWithEveryMeter();
        Set<String> exported = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("opsgate_")) {
                String name = line.substring(0, line.indexOf('{'));
                assertThat(line).as("tenant tag on %s", name).contains("tenant=\"demo\"");
                exported.add(name.replaceAll("_(bucket|count|sum|max)$", ""));
            }
        }
        assertThat(exported).containsExactlyInAnyOrderElementsOf(EngineMetricNames.ALL);
    }

    @Test
    void everyMetricCarriesTheLabelsTheClassStates() {
        Map<String, Set<String>> labels = new TreeMap<>();
        Set<String> histograms = new TreeSet<>();
        Matcher m = SAMPLE.matcher(scrapeWithEveryMeter());
        while (m.find()) {
            String series = m.group(1);
            String family = series.replaceAll("_(bucket|count|sum|max)$", "");
            if (series.endsWith("_bucket")) {
                histograms.add(family);
            }
            Set<String> names = labels.computeIfAbsent(family, k -> new TreeSet<>());
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                if (!l.group(1).equals("le")) {
                    names.add(l.group(1));
                }
            }
        }
        assertThat(labels.keySet()).isEqualTo(new TreeSet<>(EngineMetricNames.LABELS.keySet()));
        labels.forEach((name, found) ->
                assertThat(found).as(name).isEqualTo(new HashSet<>(EngineMetricNames.LABELS.get(name))));
        assertThat(histograms).isEqualTo(new TreeSet<>(EngineMetricNames.HISTOGRAMS));
        assertThat(new TreeSet<>(EngineMetricNames.ALL)).isEqualTo(new TreeSet<>(EngineMetricNames.LABELS.keySet()));
    }
}
