package io.opsgate.engine.pipeline;

import io.opsgate.engine.alerting.AlertQuery;
import io.opsgate.engine.alerting.AlertView;
import io.opsgate.engine.alerting.Fingerprints;
import io.opsgate.engine.alerting.RuleSet;
import io.opsgate.engine.alerting.RuleStats;
import io.opsgate.engine.domain.IncomingAlert;
import io.opsgate.engine.domain.RuleHitsRecord;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.store.Keys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.support.MemoryStore;
import io.opsgate.engine.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.opsgate.engine.support.Rules.labels;
import static io.opsgate.engine.support.Rules.set;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules' match counts and what rules in shadow would have done, counted by the pipeline as alerts pass. */
class RuleHitsTest {
    private static final String DROP = "order: 10\nmatchers: ['severity=\"info\"']\nactions: {drop: true}";
    private static final String PAGE = "order: 20\nmatchers: ['severity=\"critical\"']\n"
            + "actions: {ticket: {priority: P2}, notify: {channels: [pager], groupWait: 30s}}";
    private static final RuleSet RULES = set("drop-info", DROP, "page", PAGE);
    private static final AlertQuery ALL = new AlertQuery(List.of(), true, true, true, null);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final EngineMetrics metrics = new EngineMetrics();
    private MemoryStore store;
    private TenantEngine engine;

    @BeforeEach
    void start() {
        store = new MemoryStore();
        engine = engine(RULES);
    }

    private TenantEngine engine(RuleSet rules) {
        TenantEngine e = new TenantEngine("demo", store, clock, metrics.tenant("demo"));
        e.load();
        e.configure(rules, Duration.ofDays(7).toMillis(), Duration.ofDays(90).toMillis());
        return e;
    }

    private void ingest(String... kv) {
        Map<String, String> l = labels(kv);
        engine.ingest(List.of(new IncomingAlert(Fingerprints.hex(l), l, Map.of("summary", "secret text"), 0, 0, "",
                false))).join();
    }

    private RuleStats stats(String rule) {
        return engine.ruleStats().stream().filter(s -> s.name().equals(rule)).findFirst().orElseThrow();
    }

    @Test
    void matchesAreCountedPerRuleWithTheTimeOfTheLastAndDropsApart() {
        long since = clock.millis();
        ingest("alertname", "Chatty", "severity", "info");
        clock.advance(Duration.ofSeconds(5));
        ingest("alertname", "Chatty", "severity", "info");
        ingest("alertname", "Disk", "severity", "critical");

        RuleStats drop = stats("drop-info");
        assertThat(drop.total()).isEqualTo(2);
        assertThat(drop.lastHour()).isEqualTo(2);
        assertThat(drop.dropped()).isEqualTo(2);
        assertThat(drop.lastMatch()).isEqualTo(clock.millis());
        assertThat(drop.since()).isEqualTo(since);
        assertThat(drop.shadow()).isNull();
        RuleStats page = stats("page");
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.dropped()).as("not a drop rule").isNull();
    }

    @Test
    void theLastHourIsTheCurrentMinuteAndTheFiftyNineBeforeIt() {
        ingest("alertname", "A", "severity", "critical");
        clock.advance(Duration.ofMinutes(30));
        ingest("alertname", "B", "severity", "critical");
        clock.advance(Duration.ofMinutes(29));
        assertThat(stats("page").lastHour()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(1));
        assertThat(stats("page").lastHour()).as("the first minute left the window").isEqualTo(1);
        clock.advance(Duration.ofHours(5));
        RuleStats later = stats("page");
        assertThat(later.lastHour()).isZero();
        assertThat(later.total()).isEqualTo(2);
    }

    @Test
    void aReloadKeepsTheCountsOfUnchangedRulesAndRestartsChangedOnes() {
        ingest("alertname", "Chatty", "severity", "info");
        ingest("alertname", "Disk", "severity", "critical");
        clock.advance(Duration.ofMinutes(3));
        engine.configure(set("drop-info", DROP, "page", PAGE.replace("P2", "P1")), 0, 0);

        assertThat(stats("drop-info").total()).isEqualTo(1);
        assertThat(stats("drop-info").lastHour()).isEqualTo(1);
        RuleStats page = stats("page");
        assertThat(page.total()).as("a changed rule counts from its change").isZero();
        assertThat(page.since()).isEqualTo(clock.millis());
    }

    @Test
    void countsAreStoredAndSurviveARestartWhileTheSpecIsUnchanged() {
        ingest("alertname", "Chatty", "severity", "info");
        ingest("alertname", "Disk", "severity", "critical");
        long since = stats("page").since();
        clock.advance(Duration.ofSeconds(11));
        engine.tick().join();
        assertThat(store.count(Keys.RULE_HITS)).isEqualTo(2);

        clock.advance(Duration.ofMinutes(2));
        TenantEngine restarted = engine(set("drop-info", DROP, "page", PAGE));
        RuleStats page = restarted.ruleStats().stream().filter(s -> s.name().equals("page")).findFirst().orElseThrow();
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.lastHour()).isEqualTo(1);
        assertThat(page.since()).isEqualTo(since);

        TenantEngine changed = engine(set("page", PAGE.replace("P2", "P4")));
        assertThat(changed.ruleStats()).singleElement().satisfies(s -> {
            assertThat(s.total()).isZero();
            assertThat(s.since()).isEqualTo(clock.millis());
        });
        clock.advance(Duration.ofSeconds(11));
        changed.tick().join();
        assertThat(store.data.keySet()).as("the record of a rule no longer configured goes")
                .contains(Keys.ruleHits("page")).doesNotContain(Keys.ruleHits("drop-info"));
        RuleHitsRecord stored = RecordCodec.decode(store.data.get(Keys.ruleHits("page")), RuleHitsRecord.class);
        assertThat(stored.total).isZero();
    }

    @Test
    void aShadowRuleChangesNothingAndCountsWhatItWouldHaveDone() {
        engine = engine(set(
                "try-web", "order: 5\nmode: Shadow\ncontinue: true\nmatchers: ['team=\"web\"']\n"
                        + "actions: {ticket: {priority: P1}, notify: {channels: [web-pager, web-mail]}}",
                "drop-info", DROP, "page", PAGE));
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofSeconds(1));
            ingest("alertname", "Disk" + i, "severity", "critical", "team", "web");
        }

        RuleStats shadow = stats("try-web");
        assertThat(shadow.inShadow()).isTrue();
        assertThat(shadow.total()).isEqualTo(7);
        assertThat(shadow.shadow().wouldTicket()).isEqualTo(7);
        assertThat(shadow.shadow().ticketPriority()).isEqualTo("P1");
        assertThat(shadow.shadow().wouldNotify()).containsExactly(Map.entry("web-pager", 7L), Map.entry("web-mail", 7L));
        assertThat(shadow.shadow().recent()).hasSize(5).first().satisfies(m -> {
            assertThat(m.labels()).containsEntry("alertname", "Disk6").doesNotContainValue("secret text");
            assertThat(m.time()).isEqualTo(clock.millis());
        });
        assertThat(shadow.shadow().recent()).extracting(m -> m.labels().get("alertname"))
                .containsExactly("Disk6", "Disk5", "Disk4", "Disk3", "Disk2");
        assertThat(engine.tickets().page(Set.of(), Set.of(), Set.of(), List.of(), 0, 100))
                .allSatisfy(t -> assertThat(t.priority).isEqualTo("P2"));
        assertThat(engine.alerts().alerts(ALL)).allSatisfy(a -> {
            assertThat(a.rule()).isEqualTo("page");
            assertThat(a.receivers()).containsExactly("pager");
        });
    }

    @Test
    void shadowSilenceAndInhibitRulesMuteNothingAndCountWhatTheyWouldHaveMuted() {
        engine = engine(set(
                "window", "mode: Shadow\nmatchers: ['env=\"test\"']\nactions: {silence: {}}",
                "node-down-mutes-disks", "mode: Shadow\nmatchers: ['alertname=\"NodeDown\"']\n"
                        + "inhibit: {targetMatchers: ['alertname=\"DiskFull\"'], equal: [node]}",
                "live-window", "matchers: ['env=\"dev\"']\nactions: {silence: {}}",
                "page", PAGE));
        ingest("alertname", "NodeDown", "node", "n1", "severity", "critical");
        ingest("alertname", "DiskFull", "node", "n1", "severity", "critical", "env", "test");
        ingest("alertname", "Other", "env", "dev");

        List<AlertView> held = engine.alerts().alerts(ALL);
        AlertView disk = held.stream().filter(a -> a.labels().get("alertname").equals("DiskFull")).findFirst().orElseThrow();
        assertThat(disk.silencedBy()).isEmpty();
        assertThat(disk.inhibitedBy()).isEmpty();
        assertThat(disk.state()).isEqualTo("active");
        assertThat(stats("window").shadow().wouldSilence()).isEqualTo(1);
        assertThat(stats("node-down-mutes-disks").shadow().wouldInhibit()).isEqualTo(1);
        assertThat(stats("node-down-mutes-disks").total()).isEqualTo(1);
        assertThat(stats("live-window").total()).as("an enforced window counts what it silenced").isEqualTo(1);
        assertThat(stats("live-window").shadow()).isNull();
    }

    @Test
    void anEnforcedInhibitRuleCountsTheAlertsItMuted() {
        engine = engine(set(
                "node-down-mutes-disks", "matchers: ['alertname=\"NodeDown\"']\n"
                        + "inhibit: {targetMatchers: ['alertname=\"DiskFull\"'], equal: [node]}",
                "page", PAGE));
        ingest("alertname", "NodeDown", "node", "n1", "severity", "critical");
        ingest("alertname", "DiskFull", "node", "n1", "severity", "critical");
        ingest("alertname", "DiskFull", "node", "n2", "severity", "critical");

        assertThat(stats("node-down-mutes-disks").total()).isEqualTo(1);
        assertThat(stats("page").total()).isEqualTo(3);
    }
}
