package io.opsgate.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics opsgate exports, with their labels: what the dashboard may query.
 *
 * <p>The one place to change when the components' name classes are on this module's classpath: today
 * the names come from the contract in docs/architecture.md ("Metrics"); the webhook already keeps them
 * in WebhookMetricNames, and the engine and operator will in EngineMetricNames and OperatorMetricNames,
 * each tested against its registry. Switching means building this map from those classes instead.
 */
final class ExportedMetrics {

    /** One metric family as Prometheus names it. */
    record Metric(String name, Set<String> labels, boolean histogram) {
    }

    private static final Pattern NAME = Pattern.compile("`(opsgate_[a-z_]+)(?:\\{([^}]*)})?`(\\s*\\(histogram\\))?");

    private ExportedMetrics() {
    }

    static Map<String, Metric> all() {
        String doc;
        try {
            doc = Files.readString(Chart.repoRoot().resolve("docs/architecture.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = doc.indexOf("### Metrics");
        if (start < 0) {
            throw new IllegalStateException("docs/architecture.md has no section \"### Metrics\"");
        }
        int end = doc.indexOf("\n#", start + 1);
        String section = end < 0 ? doc.substring(start) : doc.substring(start, end);
        Map<String, Metric> out = new LinkedHashMap<>();
        Set<String> previous = Set.of();
        Matcher m = NAME.matcher(section);
        while (m.find()) {
            Set<String> labels;
            if (m.group(2) == null) {
                labels = Set.of();
            } else if (m.group(2).equals("...")) {
                // "{...}" in the contract: the labels of the metric listed before it.
                labels = previous;
            } else {
                labels = new LinkedHashSet<>(List.of(m.group(2).split(",")));
                previous = labels;
            }
            // The first mention defines a metric; later prose mentions it without its labels.
            out.putIfAbsent(m.group(1), new Metric(m.group(1), labels, m.group(3) != null));
        }
        return out;
    }
}
