package io.opsgate.engine.pipeline;

import io.opsgate.engine.alerting.AlertView;
import io.opsgate.engine.alerting.Fingerprints;
import io.opsgate.engine.domain.IncomingAlert;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.support.MemoryStore;
import io.opsgate.engine.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.opsgate.engine.support.Rules.labels;
import static io.opsgate.engine.support.Rules.set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * activeFrom and activeUntil on the engine's clock: a rule scheduled ahead takes effect at its time and
 * stops at its end, while the rule it replaces covers the time before and after.
 */
class ActiveWindowTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

    @Test
    void aScheduledRuleTakesEffectAndStopsOnTheClock() {
        TenantEngine engine = new TenantEngine("demo", new MemoryStore(), clock, new EngineMetrics().tenant("demo"));
        engine.load();
        engine.configure(set(
                "night-shift", """
                        order: 10
                        matchers: ['team="db"']
                        activeFrom: "2026-03-02T10:00:00Z"
                        activeUntil: "2026-03-02T11:00:00Z"
                        actions: {ticket: {priority: P1}}""",
                "usual", "order: 20\nmatchers: ['team=\"db\"']\nactions: {ticket: {priority: P3}}"),
                Duration.ofDays(7).toMillis(), Duration.ofDays(90).toMillis());

        assertThat(ticketOf(engine, "before")).isEqualTo("usual/P3");
        clock.set(Instant.parse("2026-03-02T09:59:59.999Z"));
        assertThat(ticketOf(engine, "just-before")).isEqualTo("usual/P3");
        clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(ticketOf(engine, "at-start")).isEqualTo("night-shift/P1");
        clock.set(Instant.parse("2026-03-02T10:59:59.999Z"));
        assertThat(ticketOf(engine, "before-end")).isEqualTo("night-shift/P1");
        clock.set(Instant.parse("2026-03-02T11:00:00Z"));
        assertThat(ticketOf(engine, "at-end")).isEqualTo("usual/P3");
    }

    /** Sends a new alert now and says which rule's ticket it got, as rule/priority. */
    private static String ticketOf(TenantEngine engine, String id) {
        Map<String, String> l = labels("alertname", "Replication", "team", "db", "id", id);
        engine.ingest(List.of(new IncomingAlert(Fingerprints.hex(l), l, Map.of(), 0, 0, "", false))).join();
        AlertView a = engine.alerts().alert(Fingerprints.hex(l));
        Ticket t = engine.tickets().get(a.ticketId());
        assertThat(engine.tickets().page(Set.of(), Set.of(), Set.of(), List.of(), 0, 100)).isNotEmpty();
        return a.rule() + "/" + t.priority;
    }
}
