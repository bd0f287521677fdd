package io.opsgate.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Grafana dashboard parses, queries only metrics and labels the project exports, and is valid PromQL. */
class DashboardTest {

    private static final Pattern METRIC = Pattern.compile("\\b(opsgate_[a-z_]+)\\b(\\{[^}]*})?");
    private static final Pattern SELECTOR_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern BY = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

    private static JsonNode dashboard;
    private static List<String> queries;

    @BeforeAll
    static void load() throws Exception {
        dashboard = new ObjectMapper().readTree(Chart.dir().resolve("dashboards/opsgate.json").toFile());
        queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(t -> queries.add(t.path("expr").asText()));
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                queries.add(variable.path("definition").asText());
            }
        }
    }

    @Test
    void theDashboardIsWellFormed() {
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
                panel.path("targets").forEach(t -> assertThat(t.path("expr").asText()).isNotBlank());
            }
        }
        assertThat(dashboard.path("templating").path("list")).anySatisfy(v -> {
            assertThat(v.path("name").asText()).isEqualTo("datasource");
            assertThat(v.path("query").asText()).isEqualTo("prometheus");
        });
    }

    @Test
    void everyQueriedMetricAndLabelIsExported() {
        Map<String, ExportedMetrics.Metric> exported = ExportedMetrics.all();
        assertThat(exported).as("metrics of the engine, operator and webhook name classes").hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        for (String q : queries) {
            Set<String> common = null;
            boolean bucket = false;
            Matcher m = METRIC.matcher(q);
            while (m.find()) {
                String series = m.group(1);
                ExportedMetrics.Metric metric = resolve(series, exported);
                if (metric == null) {
                    problems.add(series + " is not exported (" + q + ")");
                    continue;
                }
                bucket |= series.endsWith("_bucket");
                Set<String> labels = new HashSet<>(metric.labels());
                if (series.endsWith("_bucket")) {
                    labels.add("le");
                }
                if (m.group(2) != null) {
                    Matcher l = SELECTOR_LABEL.matcher(m.group(2));
                    while (l.find()) {
                        if (!labels.contains(l.group(1))) {
                            problems.add(series + " has no label " + l.group(1) + " (" + q + ")");
                        }
                    }
                }
                if (common == null) {
                    common = labels;
                } else {
                    common.retainAll(labels);
                }
            }
            Matcher by = BY.matcher(q);
            while (by.find() && common != null) {
                for (String label : by.group(1).split(",")) {
                    String l = label.trim();
                    if (!l.isEmpty() && !common.contains(l) && !(bucket && l.equals("le"))) {
                        problems.add("grouping by " + l + ", which its metrics lack (" + q + ")");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theDashboardShowsWhatOperatorsAskFor() {
        Set<String> used = new TreeSet<>();
        queries.forEach(q -> {
            Matcher m = METRIC.matcher(q);
            while (m.find()) {
                used.add(m.group(1).replaceFirst("_bucket$", ""));
            }
        });
        assertThat(used).contains(
                "opsgate_alerts_received_total", "opsgate_alerts_dropped_total", "opsgate_alerts_deduplicated_total",
                "opsgate_tickets_open", "opsgate_tickets_opened_total",
                "opsgate_notification_delivery_seconds", "opsgate_notifications_failed_total",
                "opsgate_operator_reconciles_total", "opsgate_webhook_rejections_total");
    }

    @Test
    void everyQueryIsValidPromQl(@TempDir Path dir) throws Exception {
        StringBuilder rules = new StringBuilder("groups:\n  - name: opsgate-dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            String expr = queries.get(i).replace("$__rate_interval", "5m").replace("$__range", "1h")
                    .replace("$tenant", ".*");
            if (expr.startsWith("label_values(")) {
                expr = expr.substring("label_values(".length(), expr.indexOf(','));
            }
            rules.append("      - record: dashboard:query").append(i).append('\n')
                    .append("        expr: '").append(expr.replace("'", "''")).append("'\n");
        }
        Path file = dir.resolve("dashboard-rules.yaml");
        Files.writeString(file, rules);
        Process p;
        try {
            p = new ProcessBuilder("promtool", "check", "rules", file.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("promtool is needed: install Debian's prometheus package (scripts/test-all does)", e);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void theChartShipsTheDashboardForGrafanasSidecar() throws Exception {
        ConfigMap cm = Manifests.cached(Chart.Values.DEFAULTS).one(ConfigMap.class, "opsgate-dashboard");
        assertThat(cm.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(new ObjectMapper().readTree(cm.getData().get("opsgate.json"))).isEqualTo(dashboard);
    }

    private static ExportedMetrics.Metric resolve(String series, Map<String, ExportedMetrics.Metric> exported) {
        ExportedMetrics.Metric direct = exported.get(series);
        if (direct != null && !direct.histogram()) {
            return direct;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (series.endsWith(suffix)) {
                ExportedMetrics.Metric base = exported.get(series.substring(0, series.length() - suffix.length()));
                if (base != null && base.histogram()) {
                    return base;
                }
            }
        }
        return null;
    }
}
