package io.opsgate.operator.app;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OperatorMetricNames and what the registry exports agree both ways, with the tags the class names. */
class OperatorMetricNamesTest {

    static final Pattern FAMILY = Pattern.compile("^# TYPE (opsgate_\\w+) (\\w+)$", Pattern.MULTILINE);
    static final Pattern SAMPLE = Pattern.compile("^(opsgate_\\w+?)(_bucket|_count|_sum)?\\{([^}]*)} ", Pattern.MULTILINE);

    @Test
    void theClassAndTheScrapeNameTheSameMeters() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        OperatorMetrics metrics = new OperatorMetrics(registry, OperatorFactory.KINDS);
        metrics.timeControllerExecution(execution("Tenant", () -> "ok"));
        assertThatThrownBy(() -> metrics.timeControllerExecution(execution("AlertRule", () -> {
            throw new IllegalStateException("boom");
        }))).hasRootCauseMessage("boom");

        String scrape = registry.scrape();
        Matcher m = FAMILY.matcher(scrape);
        Set<String> exported = new java.util.HashSet<>();
        while (m.find()) {
            exported.add(m.group(1));
        }
        assertThat(exported).isEqualTo(OperatorMetricNames.ALL);
        assertThat(scrape).contains("# TYPE opsgate_operator_reconcile_seconds histogram");
        assertThat(scrape).contains(OperatorMetricNames.RECONCILES_TOTAL + "{kind=\"Tenant\",result=\"success\"} 1.0");
        assertThat(scrape).contains(OperatorMetricNames.RECONCILES_TOTAL + "{kind=\"AlertRule\",result=\"error\"} 1.0");
        assertThat(scrape).contains(OperatorMetricNames.RECONCILES_TOTAL + "{kind=\"OpsJob\",result=\"success\"} 0.0");
        assertThat(scrape).contains(OperatorMetricNames.RECONCILE_SECONDS + "_count{kind=\"Tenant\"} 1");

        // Every sample carries exactly the labels LABELS names (plus le on histogram buckets).
        Matcher sample = SAMPLE.matcher(scrape);
        int samples = 0;
        while (sample.find()) {
            String family = sample.group(1);
            String suffix = sample.group(2) == null ? "" : sample.group(2);
            String name = OperatorMetricNames.HISTOGRAMS.contains(family) ? family : family + suffix;
            Set<String> labels = Arrays.stream(sample.group(3).split(",")).map(l -> l.substring(0, l.indexOf('=')))
                    .filter(l -> !l.equals("le")).collect(Collectors.toSet());
            assertThat(labels).as(sample.group()).isEqualTo(Set.copyOf(OperatorMetricNames.LABELS.get(name)));
            samples++;
        }
        assertThat(samples).isPositive();
        assertThat(OperatorMetricNames.LABELS.keySet()).isEqualTo(OperatorMetricNames.ALL);
    }

    @Test
    void everyExportedNameIsAConstantOfTheClass() throws Exception {
        Set<Object> constants = Arrays.stream(OperatorMetricNames.class.getFields())
                .filter(f -> f.getName().endsWith("_TOTAL") || f.getName().endsWith("_SECONDS") || f.getName().endsWith("_MAX"))
                .map(f -> {
                    try {
                        return f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }).collect(Collectors.toSet());
        assertThat(constants).isEqualTo(Set.copyOf(OperatorMetricNames.ALL));
    }

    private static <T> Metrics.ControllerExecution<T> execution(String controller, java.util.concurrent.Callable<T> body) {
        return new Metrics.ControllerExecution<>() {
            @Override
            public String name() {
                return "reconcile";
            }

            @Override
            public String controllerName() {
                return controller;
            }

            @Override
            public String successTypeName(T result) {
                return "success";
            }

            @Override
            public ResourceID resourceID() {
                return new ResourceID("x");
            }

            @Override
            public Map<String, Object> metadata() {
                return Map.of();
            }

            @Override
            public T execute() throws Exception {
                return body.call();
            }
        };
    }

}
