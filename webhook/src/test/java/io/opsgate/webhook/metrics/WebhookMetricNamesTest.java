package io.opsgate.webhook.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opsgate.api.validation.ObjectValidator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** WebhookMetricNames, the meters the webhook registers and docs/architecture.md name the same metrics. */
class WebhookMetricNamesTest {

    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)})? ", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    @Test
    void theClassAndTheRegistryAgreeBothWays() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WebhookMetrics metrics = new WebhookMetrics(registry, ObjectValidator.KINDS);
        metrics.answered("AlertRule", "CREATE", false, List.of("InvalidMatcher", "LimitExceeded"), Duration.ofMillis(4));
        metrics.answered("Tenant", "UPDATE", true, List.of(), Duration.ofMillis(2));

        Map<String, Set<String>> exported = families(registry.scrape());

        assertThat(exported.keySet()).as("families the registry exports").isEqualTo(new TreeSet<>(WebhookMetricNames.ALL));
        for (Map.Entry<String, Set<String>> e : exported.entrySet()) {
            assertThat(e.getValue()).as("labels of " + e.getKey())
                    .isEqualTo(new HashSet<>(WebhookMetricNames.LABELS.get(e.getKey())));
        }
        assertThat(registry.scrape()).contains(WebhookMetricNames.SECONDS + "_bucket{");
    }

    @Test
    void labelValuesStayBoundedForGarbage() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WebhookMetrics metrics = new WebhookMetrics(registry, ObjectValidator.KINDS);
        metrics.answered("Pod\"; drop", "EXPLODE", false, List.of("BadRequest"), Duration.ofMillis(1));
        assertThat(registry.scrape()).contains(
                WebhookMetricNames.REQUESTS_TOTAL + "{allowed=\"false\",kind=\"unknown\",operation=\"unknown\"} 1.0");
    }

    @Test
    void theArchitectureDocumentListsTheSameNamesAndLabels() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("opsgate.repoRoot", "..")).resolve("docs/architecture.md"));
        String webhookLine = bullet(doc, "- webhook:");
        Map<String, Set<String>> documented = new TreeMap<>();
        Matcher m = Pattern.compile("`(opsgate_[a-z_]+)(?:\\{([^}]*)})?`").matcher(webhookLine);
        while (m.find()) {
            documented.put(m.group(1), m.group(2) == null ? Set.of() : Set.of(m.group(2).split(",")));
        }
        Set<String> ours = new TreeSet<>(WebhookMetricNames.ALL);
        ours.remove(WebhookMetricNames.SECONDS_MAX);
        assertThat(documented.keySet()).isEqualTo(ours);
        documented.forEach((name, labels) ->
                assertThat(labels).as(name).isEqualTo(new HashSet<>(WebhookMetricNames.LABELS.get(name))));
    }

    /** A bullet of a Markdown list with its indented continuation lines. */
    private static String bullet(String doc, String start) {
        StringBuilder sb = new StringBuilder();
        boolean in = false;
        for (String line : doc.lines().toList()) {
            if (line.startsWith(start)) {
                in = true;
            } else if (in && !line.startsWith("  ")) {
                break;
            }
            if (in) {
                sb.append(line).append('\n');
            }
        }
        assertThat(sb).as("docs/architecture.md has a bullet " + start).isNotEmpty();
        return sb.toString();
    }

    /** Family name to the label names its samples carry (le of histogram buckets aside). */
    private static Map<String, Set<String>> families(String scrape) {
        Map<String, Set<String>> result = new TreeMap<>();
        Matcher t = TYPE.matcher(scrape);
        while (t.find()) {
            if (t.group(1).startsWith("opsgate_")) {
                result.put(t.group(1), new TreeSet<>());
            }
        }
        Matcher s = SAMPLE.matcher(scrape);
        while (s.find()) {
            String family = familyOf(s.group(1), result.keySet());
            if (family != null && s.group(2) != null) {
                Matcher l = LABEL.matcher(s.group(2));
                while (l.find()) {
                    if (!l.group(1).equals("le")) {
                        result.get(family).add(l.group(1));
                    }
                }
            }
        }
        return result;
    }

    private static String familyOf(String sample, Set<String> families) {
        if (families.contains(sample)) {
            return sample;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sample.endsWith(suffix) && families.contains(sample.substring(0, sample.length() - suffix.length()))) {
                return sample.substring(0, sample.length() - suffix.length());
            }
        }
        return null;
    }
}
