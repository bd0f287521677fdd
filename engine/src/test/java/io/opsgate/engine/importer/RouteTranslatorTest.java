package io.opsgate.engine.importer;

import io.opsgate.engine.alerting.CompiledRule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.opsgate.engine.importer.ImportFixtures.importYaml;
import static io.opsgate.engine.importer.ImportFixtures.named;
import static io.opsgate.engine.importer.ImportFixtures.names;
import static io.opsgate.engine.importer.ImportFixtures.notifyOf;
import static io.opsgate.engine.importer.ImportFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** The routing tree as parent-linked rules, with what Alertmanager inherits resolved on every rule. */
class RouteTranslatorTest {
    private static final String TREE = """
            route:
              receiver: nobody
              group_by: [alertname]
              group_wait: 10s
              repeat_interval: 1h
              routes:
                - receiver: team-a
                  matchers: [team="a"]
                  group_by: ['...']
                  routes:
                    - matchers: [severity="critical"]
                      group_interval: 2m
                    - receiver: team-b
                      matchers: [severity="warning"]
                      group_by: []
                - receiver: team-b
                  matchers: [team="b"]
                  group_by: [cluster]
                  continue: true
                  mute_time_intervals: [weekends]
                  active_time_intervals: [office]
                  routes:
                    - matchers: [env="dev"]
            time_intervals:
              - name: weekends
                time_intervals:
                  - weekdays: ['saturday', 'sunday']
                  - weekdays: ['sunday:monday']
                    location: Asia/Tokyo
              - name: office
                time_intervals:
                  - times: [{start_time: '09:00', end_time: '17:00'}]
                    weekdays: ['monday:friday']
                    location: Europe/Berlin
            receivers:
              - name: nobody
              - name: team-a
                webhook_configs: [{url: 'http://a.example.com/hook'}]
              - name: team-b
                webhook_configs: [{url: 'http://b.example.com/hook'}]
            """;

    @Test
    void everyRouteIsARuleUnderItsParentsRuleInTheOrderWritten() throws Exception {
        ImportResult r = importYaml(TREE);
        assertThat(names(r, "AlertRule")).containsExactly("am-root-nobody", "am-1-team-a", "am-1.1-team-a",
                "am-1.2-team-b", "am-2-team-b", "am-2.1-team-b");
        assertThat(spec(named(r, "AlertRule", "am-root-nobody"))).doesNotContainKey("parent").containsEntry("order", 1000);
        assertThat(spec(named(r, "AlertRule", "am-1-team-a"))).containsEntry("parent", "am-root-nobody")
                .containsEntry("order", 10).containsEntry("matchers", List.of("team=\"a\""));
        assertThat(spec(named(r, "AlertRule", "am-1.2-team-b"))).containsEntry("parent", "am-1-team-a")
                .containsEntry("order", 20);
        assertThat(spec(named(r, "AlertRule", "am-2-team-b"))).containsEntry("continue", true);
        assertThat(spec(named(r, "AlertRule", "am-1-team-a"))).doesNotContainKey("continue");
    }

    @Test
    void receiverGroupByAndTimersAreInheritedAsInAlertmanager() throws Exception {
        ImportResult r = importYaml(TREE);
        assertThat(notifyOf(named(r, "AlertRule", "am-root-nobody"))).as("a receiver without integrations")
                .containsExactly(Map.entry("channels", List.of()));
        assertThat(notifyOf(named(r, "AlertRule", "am-1-team-a"))).containsEntry("groupBy", List.of("..."))
                .containsEntry("groupWait", "10s").containsEntry("groupInterval", "5m").containsEntry("repeatInterval", "1h");
        assertThat(notifyOf(named(r, "AlertRule", "am-1.1-team-a"))).as("receiver and ... inherited, own interval")
                .containsEntry("channels", List.of("am-team-a-webhook")).containsEntry("groupBy", List.of("..."))
                .containsEntry("groupInterval", "2m").containsEntry("groupWait", "10s");
        assertThat(notifyOf(named(r, "AlertRule", "am-1.2-team-b"))).as("an empty group_by sets nothing")
                .containsEntry("groupBy", List.of("...")).containsEntry("channels", List.of("am-team-b-webhook"));
        assertThat(notifyOf(named(r, "AlertRule", "am-2-team-b"))).containsEntry("groupBy", List.of("cluster"));
    }

    @Test
    void aWeekdayRangeEndingBeforeItStartsIsRefusedAsAlertmanagerRefusesIt() {
        ImportFailure f = org.assertj.core.api.Assertions.catchThrowableOfType(ImportFailure.class, () -> importYaml("""
                route: {receiver: x, routes: [{receiver: x, matchers: [a="b"], mute_time_intervals: [w]}]}
                time_intervals: [{name: w, time_intervals: [{weekdays: ['saturday:sunday']}]}]
                receivers: [{name: x}]
                """));
        assertThat(f.problems()).extracting(ImportProblem::message).containsExactly("start day cannot be before end day");
    }

    @Test
    void withoutGroupByAnywhereAllAlertsOfARouteAreOneGroup() throws Exception {
        ImportResult r = importYaml("""
                route:
                  receiver: team
                receivers:
                  - name: team
                    webhook_configs: [{url: 'http://team.example.com/'}]
                """);
        assertThat(notifyOf(named(r, "AlertRule", "am-root-team"))).containsEntry("groupBy", List.of())
                .containsEntry("groupWait", "30s").containsEntry("groupInterval", "5m").containsEntry("repeatInterval", "4h");
    }

    @Test
    void timeIntervalsBecomeNotifyWindowsOfTheRouteOnlyWithWeekdaysMondayFirst() throws Exception {
        ImportResult r = importYaml(TREE);
        Map<String, Object> b = notifyOf(named(r, "AlertRule", "am-2-team-b"));
        assertThat(b.get("muteTimeWindows")).isEqualTo(List.of(
                Map.of("weekdays", List.of("saturday:sunday")),
                Map.of("weekdays", List.of("monday", "sunday"), "timeZone", "Asia/Tokyo")));
        assertThat(b.get("activeTimeWindows")).isEqualTo(List.of(Map.of(
                "times", List.of(Map.of("startTime", "09:00", "endTime", "17:00")),
                "weekdays", List.of("monday:friday"), "timeZone", "Europe/Berlin")));
        assertThat(notifyOf(named(r, "AlertRule", "am-2.1-team-b"))).as("not inherited, as in Alertmanager")
                .doesNotContainKeys("muteTimeWindows", "activeTimeWindows");
    }

    @Test
    void theEngineMutesTheImportedRuleExactlyInsideItsWindows() throws Exception {
        ImportedRouting routing = new ImportedRouting(importYaml(TREE));
        CompiledRule b = routing.rules().all().stream().filter(x -> x.name.equals("am-2-team-b")).findFirst().orElseThrow();
        // Tuesday 2026-03-03 10:00 in Berlin (09:00Z): office hours, not a weekend anywhere.
        assertThat(b.notify.sendsAt(Instant.parse("2026-03-03T09:00:00Z").toEpochMilli())).isTrue();
        // Tuesday 18:00 in Berlin: outside the office interval.
        assertThat(b.notify.sendsAt(Instant.parse("2026-03-03T17:00:00Z").toEpochMilli())).isFalse();
        // Monday 2026-03-02 10:00 in Berlin is 18:00 Monday in Tokyo: inside the Tokyo sunday:monday mute.
        assertThat(b.notify.sendsAt(Instant.parse("2026-03-02T09:00:00Z").toEpochMilli())).isFalse();
        // The rule still takes the alert at any time: routing does not depend on the windows.
        assertThat(routing.receivers(Map.of("team", "b"))).containsExactly("team-b");
    }
}
