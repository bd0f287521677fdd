package io.opsgate.engine.pipeline;

import io.opsgate.engine.alerting.AlertQuery;
import io.opsgate.engine.alerting.AlertView;
import io.opsgate.engine.alerting.Fingerprints;
import io.opsgate.engine.alerting.RuleSet;
import io.opsgate.engine.alerting.SilenceRequest;
import io.opsgate.engine.domain.IncomingAlert;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.domain.SilenceMatcher;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.domain.TicketState;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.store.Keys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.support.MemoryStore;
import io.opsgate.engine.support.MutableClock;
import io.opsgate.engine.tickets.TicketChange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.opsgate.engine.support.Rules.labels;
import static io.opsgate.engine.support.Rules.set;
import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline's steps in order, on a clock the test moves and a store it reads. */
class TenantEngineTest {
    private static final RuleSet RULES = set(
            "drop-info", "order: 10\nmatchers: ['severity=\"info\"']\nactions: {drop: true}",
            "critical", """
                    order: 100
                    matchers: ['severity=~"critical|warning"']
                    actions:
                      ticket: {priority: P2, resolveWhenCleared: true, flapping: {changes: 4, window: 10m}}
                      notify: {channels: [ops], groupBy: [alertname, instance], groupWait: 30s, groupInterval: 5m, repeatInterval: 4h}
                      escalate: {levels: [{after: 15m, channels: [mail]}]}""");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final EngineMetrics metrics = new EngineMetrics();
    private MemoryStore store;
    private TenantEngine engine;

    @BeforeEach
    void start() {
        store = new MemoryStore();
        engine = newEngine(store);
    }

    private TenantEngine newEngine(MemoryStore s) {
        TenantEngine e = new TenantEngine("demo", s, clock, metrics.tenant("demo"));
        e.load();
        e.configure(RULES, Duration.ofDays(7).toMillis(), Duration.ofDays(90).toMillis());
        return e;
    }

    private static IncomingAlert firing(String... kv) {
        Map<String, String> l = labels(kv);
        return new IncomingAlert(Fingerprints.hex(l), l, Map.of(), 0, 0, "", false);
    }

    private static IncomingAlert resolved(String... kv) {
        Map<String, String> l = labels(kv);
        return new IncomingAlert(Fingerprints.hex(l), l, Map.of(), 0, 0, "", true);
    }

    private void ingest(IncomingAlert... alerts) {
        engine.ingest(List.of(alerts)).join();
    }

    private void tickAfter(Duration d) {
        clock.advance(d);
        engine.tick().join();
    }

    private List<OutboxEntry> outbox() {
        List<OutboxEntry> result = new ArrayList<>();
        store.scan(Keys.OUTBOX, (k, v) -> result.add(RecordCodec.decode(v, OutboxEntry.class)));
        return result;
    }

    private List<Ticket> tickets() {
        return engine.tickets().page(Set.of(), Set.of(), List.of(), 0, 100);
    }

    private static final AlertQuery ALL = new AlertQuery(List.of(), true, true, true, null);

    @Test
    void aRepeatUpdatesTheHeldAlertInsteadOfAddingOne() {
        ingest(firing("alertname", "Disk", "instance", "a", "severity", "critical"));
        clock.advance(Duration.ofSeconds(10));
        ingest(firing("alertname", "Disk", "instance", "a", "severity", "critical"));
        List<AlertView> alerts = engine.alerts().alerts(ALL);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.count()).isEqualTo(2);
            assertThat(a.updatedAt()).isEqualTo(clock.millis());
        });
        assertThat(tickets()).singleElement().satisfies(t -> assertThat(t.alerts.values().iterator().next().count).isEqualTo(2));
        assertThat(metrics.tenant("demo").deduplicated.count()).isEqualTo(1);
    }

    @Test
    void aDropRuleKeepsAndCountsTheAlertWithoutTicketOrNotification() {
        ingest(firing("alertname", "Chatty", "severity", "info"));
        tickAfter(Duration.ofMinutes(1));
        assertThat(engine.alerts().alerts(ALL)).singleElement().satisfies(a -> assertThat(a.dropped()).isTrue());
        assertThat(tickets()).isEmpty();
        assertThat(outbox()).isEmpty();
        assertThat(metrics.registry().get("opsgate.alerts.dropped").tag("rule", "drop-info").counter().count()).isEqualTo(1);
    }

    @Test
    void unmatchedAlertsAreKeptWithoutTicket() {
        ingest(firing("alertname", "Other", "severity", "none"));
        assertThat(engine.alerts().alerts(ALL)).singleElement().satisfies(a -> assertThat(a.rule()).isNull());
        assertThat(tickets()).isEmpty();
    }

    @Test
    void oneNotificationPerGroupFlushNotOnePerAlert() {
        for (int i = 0; i < 20; i++) {
            ingest(firing("alertname", "Disk", "instance", "a", "severity", "critical", "mount", "/m" + i));
        }
        tickAfter(Duration.ofSeconds(31));
        assertThat(outbox()).singleElement().satisfies(e -> {
            assertThat(e.type).isEqualTo("notification");
            assertThat(e.channels).containsExactly("ops");
            assertThat(e.alerts).hasSize(20);
            assertThat(e.status).isEqualTo("firing");
            assertThat(e.ticketId).isNotNull();
        });
        assertThat(tickets()).hasSize(1);
    }

    @Test
    void aResolvedAlertResolvesItsTicketAndIsNotified() {
        ingest(firing("alertname", "Disk", "instance", "a", "severity", "critical"));
        tickAfter(Duration.ofSeconds(31));
        ingest(resolved("alertname", "Disk", "instance", "a", "severity", "critical"));
        assertThat(tickets()).singleElement().satisfies(t -> {
            assertThat(t.state).isEqualTo(TicketState.resolved);
            assertThat(t.timeline).extracting(e -> e.action()).containsExactly("opened", "resolved");
        });
        tickAfter(Duration.ofMinutes(5));
        assertThat(outbox()).extracting(e -> e.status).containsExactly("firing", "resolved");
    }

    @Test
    void anAlertWithoutEndsAtResolvesFiveMinutesAfterItsLastUpdate() {
        ingest(firing("alertname", "Disk", "instance", "a", "severity", "critical"));
        tickAfter(Duration.ofMinutes(4));
        assertThat(tickets().get(0).state).isEqualTo(TicketState.open);
        tickAfter(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(tickets().get(0).state).isEqualTo(TicketState.resolved);
        assertThat(engine.alerts().alerts(ALL)).isEmpty();
    }

    @Test
    void flappingMakesOneTicketAndHoldsNotifications() {
        IncomingAlert fire = firing("alertname", "Flaky", "instance", "a", "severity", "critical");
        IncomingAlert clear = resolved("alertname", "Flaky", "instance", "a", "severity", "critical");
        ingest(fire);
        tickAfter(Duration.ofSeconds(31));
        int before = outbox().size();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(20));
            ingest(clear);
            clock.advance(Duration.ofSeconds(20));
            ingest(fire);
            tickAfter(Duration.ofSeconds(1));
        }
        assertThat(tickets()).singleElement().satisfies(t -> {
            assertThat(t.flapping).isTrue();
            assertThat(t.state).isEqualTo(TicketState.open);
            assertThat(t.timeline).extracting(e -> e.action()).contains("flapping");
        });
        for (int i = 0; i < 5; i++) {
            tickAfter(Duration.ofMinutes(1));
        }
        assertThat(outbox().size()).isEqualTo(before);
    }

    @Test
    void escalationIsWrittenWhenTheTicketStaysUnacknowledged() {
        ingest(firing("alertname", "Disk", "instance", "a", "severity", "critical"));
        ingest(firing("alertname", "Net", "instance", "b", "severity", "critical"));
        long netTicket = tickets().get(0).id;
        engine.tickets().change(netTicket, TicketChange.ACK, null, "oncall").join();
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(4));
            ingest(firing("alertname", "Disk", "instance", "a", "severity", "critical"));
            ingest(firing("alertname", "Net", "instance", "b", "severity", "critical"));
            engine.tick().join();
        }
        List<OutboxEntry> escalations = outbox().stream().filter(e -> e.type.equals("escalation")).toList();
        assertThat(escalations).singleElement().satisfies(e -> {
            assertThat(e.channels).containsExactly("mail");
            assertThat(e.level).isEqualTo(1);
            assertThat(e.ticketId).isNotEqualTo(netTicket);
        });
    }

    @Test
    void aSilencedAlertOpensNoTicketAndIsNotNotified() {
        engine.silences().post(new SilenceRequest(null, List.of(new SilenceMatcher("alertname", "Disk", false, true)),
                clock.millis(), clock.millis() + 3_600_000L, "me", "maintenance")).join();
        ingest(firing("alertname", "Disk", "instance", "a", "severity", "critical"));
        tickAfter(Duration.ofMinutes(1));
        assertThat(engine.alerts().alerts(ALL)).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo("suppressed");
            assertThat(a.silencedBy()).hasSize(1);
        });
        assertThat(engine.alerts().alerts(new AlertQuery(List.of(), true, false, true, null))).isEmpty();
        assertThat(tickets()).isEmpty();
        assertThat(outbox()).isEmpty();
    }

    @Test
    void aSilenceUpdateKeepsItsIdUnlessItsMatchersChange() {
        List<SilenceMatcher> disk = List.of(new SilenceMatcher("alertname", "Disk", false, true));
        long start = clock.millis();
        String id = engine.silences().post(new SilenceRequest(null, disk, start, start + 3_600_000L, "me", "first")).join();
        String same = engine.silences().post(new SilenceRequest(id, disk, start, start + 7_200_000L, "me", "longer")).join();
        assertThat(same).isEqualTo(id);
        assertThat(engine.silences().get(id).comment).isEqualTo("longer");
        String other = engine.silences().post(new SilenceRequest(id, List.of(new SilenceMatcher("alertname", "Net", false, true)),
                start, start + 3_600_000L, "me", "other")).join();
        assertThat(other).isNotEqualTo(id);
        assertThat(engine.silences().get(id).stateAt(clock.millis())).isEqualTo(io.opsgate.engine.domain.Silence.State.expired);
        assertThat(engine.silences().get(other).stateAt(clock.millis())).isEqualTo(io.opsgate.engine.domain.Silence.State.active);
    }

    @Test
    void aRestartRebuildsTheSameStateFromTheStore() {
        ingest(firing("alertname", "Disk", "instance", "a", "severity", "critical"));
        ingest(firing("alertname", "Disk", "instance", "a", "severity", "critical"));
        tickAfter(Duration.ofSeconds(31));
        long depth = engine.outbox().depth();
        TenantEngine restarted = newEngine(store);
        assertThat(restarted.alerts().alerts(ALL)).singleElement().satisfies(a -> assertThat(a.count()).isEqualTo(2));
        assertThat(restarted.tickets().page(Set.of(), Set.of(), List.of(), 0, 10)).singleElement()
                .satisfies(t -> assertThat(t.alerts.values().iterator().next().count).isEqualTo(2));
        assertThat(restarted.outbox().depth()).isEqualTo(depth);
        // The group was notified before the restart: an unchanged group sends nothing new.
        clock.advance(Duration.ofMinutes(1));
        restarted.ingest(List.of(firing("alertname", "Disk", "instance", "a", "severity", "critical"))).join();
        clock.advance(Duration.ofMinutes(4).plusSeconds(30));
        restarted.tick().join();
        assertThat(outbox()).hasSize((int) depth);
    }

    @Test
    void retentionDeletesOldResolvedAlertsAndTickets() {
        ingest(firing("alertname", "Disk", "instance", "a", "severity", "critical"));
        ingest(resolved("alertname", "Disk", "instance", "a", "severity", "critical"));
        tickAfter(Duration.ofDays(8));
        assertThat(store.count(Keys.ALERT)).isZero();
        assertThat(store.count(Keys.TICKET)).isEqualTo(1);
        tickAfter(Duration.ofDays(90));
        assertThat(store.count(Keys.TICKET)).isZero();
        assertThat(engine.alerts().held()).isZero();
    }

    @Test
    void aTicketNumberIsNeverGivenTwiceEvenAfterRetentionDeletedEveryTicket() {
        ingest(firing("alertname", "Disk", "instance", "a", "severity", "critical"));
        ingest(resolved("alertname", "Disk", "instance", "a", "severity", "critical"));
        long first = tickets().get(0).id;
        tickAfter(Duration.ofDays(100));
        assertThat(store.count(Keys.TICKET)).isZero();

        // Ticket numbers are quoted in mails, chats and other systems: after a restart with no ticket left
        // in the store, the next one must still not reuse a number already handed out.
        engine = newEngine(store);
        ingest(firing("alertname", "Disk", "instance", "b", "severity", "critical"));
        assertThat(tickets()).singleElement().satisfies(t -> assertThat(t.id).isGreaterThan(first));
    }
}
