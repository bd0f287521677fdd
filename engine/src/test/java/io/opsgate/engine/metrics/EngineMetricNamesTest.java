package io.opsgate.engine.metrics;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The names in EngineMetricNames and what the registry exports agree both ways, with the tenant tag everywhere. */
class EngineMetricNamesTest {

    @Test
    void classAndRegistryAgreeBothWays() {
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
        m.mailReceived();
        m.mailAccepted();
        m.mailRejected("sender_not_allowed");
        m.mailParseWarning();

        String text = metrics.scrape();
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
}
