package io.opsgate.engine.alerting;

import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.opsgate.engine.support.Rules.labels;
import static io.opsgate.engine.support.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;

/** Alertmanager's group_wait, group_interval and repeat_interval, on a clock the test moves. */
class GrouperTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final Grouper grouper = new Grouper();
    private final CompiledRule rule = rule("notify", """
            actions:
              notify:
                channels: [ops]
                groupBy: [alertname]
                groupWait: 30s
                groupInterval: 5m
                repeatInterval: 4h""");

    private Alert alert(String instance, Duration firingFor) {
        Alert a = new Alert();
        a.labels = labels("alertname", "DiskFull", "instance", instance);
        a.fingerprint = Fingerprints.hex(a.labels);
        a.startsAt = clock.millis();
        a.endsAt = clock.millis() + firingFor.toMillis();
        return a;
    }

    private List<GroupFlush> flush() {
        return grouper.flushDue(clock.millis(), g -> false, a -> false, new ArrayList<>());
    }

    private void advance(Duration d) {
        clock.advance(d);
    }

    @Test
    void waitsGroupWaitThenSendsOneNotificationForTheGroup() {
        grouper.add(rule, alert("a", Duration.ofHours(1)), clock.millis(), null);
        advance(Duration.ofSeconds(10));
        grouper.add(rule, alert("b", Duration.ofHours(1)), clock.millis(), null);
        advance(Duration.ofSeconds(19));
        assertThat(flush()).isEmpty();
        advance(Duration.ofSeconds(1));
        List<GroupFlush> sent = flush();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).firing()).hasSize(2);
        assertThat(sent.get(0).group().groupLabels()).containsEntry("alertname", "DiskFull").hasSize(1);
    }

    @Test
    void aNewAlertInANotifiedGroupWaitsForGroupInterval() {
        grouper.add(rule, alert("a", Duration.ofHours(1)), clock.millis(), null);
        advance(Duration.ofSeconds(30));
        assertThat(flush()).hasSize(1);
        advance(Duration.ofMinutes(1));
        grouper.add(rule, alert("b", Duration.ofHours(1)), clock.millis(), null);
        assertThat(flush()).isEmpty();
        advance(Duration.ofMinutes(3).plusSeconds(59));
        assertThat(flush()).isEmpty();
        advance(Duration.ofSeconds(1));
        List<GroupFlush> sent = flush();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).firing()).extracting(a -> a.labels.get("instance")).containsExactlyInAnyOrder("a", "b");
        assertThat(sent.get(0).repeat()).isFalse();
    }

    @Test
    void anUnchangedGroupRepeatsOnlyAfterRepeatInterval() {
        grouper.add(rule, alert("a", Duration.ofHours(10)), clock.millis(), null);
        advance(Duration.ofSeconds(30));
        assertThat(flush()).hasSize(1);
        int sent = 0;
        // 3h55m of group_interval ticks: nothing changed, nothing sent.
        for (int i = 0; i < 47; i++) {
            advance(Duration.ofMinutes(5));
            sent += flush().size();
        }
        assertThat(sent).isZero();
        advance(Duration.ofMinutes(5));
        List<GroupFlush> repeat = flush();
        assertThat(repeat).hasSize(1);
        assertThat(repeat.get(0).repeat()).isTrue();
    }

    @Test
    void resolvedAlertsAreNotifiedOnceThenLeaveTheGroup() {
        Alert a = alert("a", Duration.ofHours(1));
        grouper.add(rule, a, clock.millis(), null);
        advance(Duration.ofSeconds(30));
        assertThat(flush()).hasSize(1);
        a.endsAt = clock.millis();
        advance(Duration.ofMinutes(5));
        List<GroupFlush> sent = flush();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).firing()).isEmpty();
        assertThat(sent.get(0).resolved()).hasSize(1);
        assertThat(grouper.groups()).isEmpty();
    }

    @Test
    void anAlertOlderThanGroupWaitDoesNotWaitAgain() {
        Alert old = alert("a", Duration.ofHours(1));
        old.startsAt = clock.millis() - Duration.ofMinutes(10).toMillis();
        grouper.add(rule, old, clock.millis(), null);
        assertThat(flush()).hasSize(1);
    }

    @Test
    void heldGroupsSendNothingButKeepTheirTimers() {
        grouper.add(rule, alert("a", Duration.ofHours(1)), clock.millis(), null);
        advance(Duration.ofSeconds(30));
        assertThat(grouper.flushDue(clock.millis(), g -> true, a -> false, new ArrayList<>())).isEmpty();
        advance(Duration.ofMinutes(5));
        assertThat(flush()).hasSize(1);
    }

    @Test
    void mutedAlertsAreLeftOutOfTheNotification() {
        Alert a = alert("a", Duration.ofHours(1));
        Alert b = alert("b", Duration.ofHours(1));
        grouper.add(rule, a, clock.millis(), null);
        grouper.add(rule, b, clock.millis(), null);
        advance(Duration.ofSeconds(30));
        List<GroupFlush> sent = grouper.flushDue(clock.millis(), g -> false, x -> x == b, new ArrayList<>());
        assertThat(sent.get(0).firing()).containsExactly(a);
    }

    @Test
    void aMuteWindowHoldsTheNotificationUntilTheFirstGroupIntervalAfterIt() {
        // 2026-03-02 is a Monday; the rule is muted 10:00-10:20 UTC.
        CompiledRule muted = rule("muted", """
                actions:
                  notify:
                    channels: [ops]
                    groupWait: 30s
                    groupInterval: 5m
                    muteTimeWindows: [{times: [{startTime: "10:00", endTime: "10:20"}]}]""");
        grouper.add(muted, alert("a", Duration.ofHours(2)), clock.millis(), null);
        for (int i = 0; i < 3; i++) {
            advance(Duration.ofMinutes(5));
            assertThat(flush()).as("inside the mute window at %s", clock.instant()).isEmpty();
        }
        advance(Duration.ofMinutes(5)); // 10:20, the window's end is exclusive; the group was due at 10:20
        assertThat(flush()).hasSize(1);
    }

    @Test
    void anActiveWindowInItsOwnZoneLetsNotificationsThroughOnlyInside() {
        // 10:00 UTC on Monday is 19:00 in Tokyo: outside Tokyo's 09:00-18:00.
        CompiledRule office = rule("office", """
                timeZone: Asia/Tokyo
                actions:
                  notify:
                    channels: [ops]
                    groupWait: 0s
                    groupInterval: 1h
                    activeTimeWindows: [{times: [{startTime: "09:00", endTime: "18:00"}]},
                                        {times: [{startTime: "10:00", endTime: "11:00"}], timeZone: Europe/London}]""");
        grouper.add(office, alert("a", Duration.ofHours(30)), clock.millis(), null);
        assertThat(flush()).as("10:00 in London is active").hasSize(1);
        Grouper other = new Grouper();
        clock.advance(Duration.ofHours(2)); // 12:00 UTC: 12:00 London, 21:00 Tokyo
        other.add(office, alert("b", Duration.ofHours(30)), clock.millis(), null);
        assertThat(other.flushDue(clock.millis(), g -> false, a -> false, new ArrayList<>())).isEmpty();
        clock.advance(Duration.ofHours(13)); // 01:00 UTC next day: 10:00 Tokyo
        assertThat(other.flushDue(clock.millis(), g -> false, a -> false, new ArrayList<>())).hasSize(1);
    }

    @Test
    void anEmptyGroupByPutsAllAlertsOfTheRuleIntoOneGroup() {
        CompiledRule oneGroup = rule("one", """
                actions:
                  notify:
                    channels: [ops]
                    groupBy: []""");
        grouper.add(oneGroup, alert("a", Duration.ofHours(1)), clock.millis(), null);
        Alert other = alert("b", Duration.ofHours(1));
        other.labels = labels("alertname", "CpuHigh", "instance", "b");
        other.fingerprint = Fingerprints.hex(other.labels);
        grouper.add(oneGroup, other, clock.millis(), null);
        assertThat(grouper.groups()).hasSize(1);
        assertThat(grouper.groups().iterator().next().groupLabels()).isEmpty();
        CompiledRule byName = rule("byname", "actions: {notify: {channels: [ops]}}");
        Grouper g2 = new Grouper();
        g2.add(byName, alert("a", Duration.ofHours(1)), clock.millis(), null);
        g2.add(byName, other, clock.millis(), null);
        assertThat(g2.groups()).as("omitted groupBy is [alertname]").hasSize(2);
    }
}
