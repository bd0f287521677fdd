package io.opsgate.helm;

import io.opsgate.engine.metrics.EngineMetricNames;
import io.opsgate.operator.app.OperatorMetricNames;
import io.opsgate.webhook.metrics.WebhookMetricNames;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The metrics opsgate exports, with their labels: what the dashboard may query. Built from the components'
 * name classes, each of which its own module's test proves against its registry (EngineMetricNamesTest,
 * OperatorMetricNamesTest, WebhookMetricNamesTest), so the dashboard is checked against what really exports.
 */
final class ExportedMetrics {

    /** One metric family as Prometheus names it. */
    record Metric(String name, Set<String> labels, boolean histogram) {
    }

    private ExportedMetrics() {
    }

    static Map<String, Metric> all() {
        Map<String, Metric> out = new TreeMap<>();
        add(out, EngineMetricNames.LABELS, EngineMetricNames.HISTOGRAMS);
        add(out, OperatorMetricNames.LABELS, OperatorMetricNames.HISTOGRAMS);
        add(out, WebhookMetricNames.LABELS, WebhookMetricNames.HISTOGRAMS);
        return out;
    }

    private static void add(Map<String, Metric> out, Map<String, List<String>> labels, Set<String> histograms) {
        labels.forEach((name, names) -> out.put(name, new Metric(name, new LinkedHashSet<>(names), histograms.contains(name))));
    }
}
