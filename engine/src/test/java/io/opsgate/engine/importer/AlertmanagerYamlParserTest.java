package io.opsgate.engine.importer;

import io.opsgate.api.matcher.MatchType;
import io.opsgate.api.matcher.Matcher;
import io.opsgate.api.v1alpha1.TimeWindow;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the parser accepts (every form of matcher, anchors and merge keys, newer fields) and how it refuses. */
class AlertmanagerYamlParserTest {

    private static AmConfig parse(String yaml) throws ImportFailure {
        return AlertmanagerYamlParser.parse(yaml, Path.of("."));
    }

    private static List<ImportProblem> problems(String yaml) {
        return catchThrowableOfType(ImportFailure.class, () -> parse(yaml)).problems();
    }

    @Test
    void matchMatchReAndMatchersOfARouteAllHold() throws Exception {
        AmConfig c = parse("""
                route:
                  receiver: x
                  routes:
                    - receiver: x
                      match: {team: db}
                      match_re: {service: 'mysql|pg'}
                      matchers: ['severity!="info"', '{env=~"prod.*", region!~"us-.*"}']
                receivers: [{name: x}]
                """);
        assertThat(c.route.routes.get(0).matchers).containsExactlyInAnyOrder(
                Matcher.of("team", MatchType.EQUAL, "db"), Matcher.of("service", MatchType.REGEX, "mysql|pg"),
                Matcher.of("severity", MatchType.NOT_EQUAL, "info"), Matcher.of("env", MatchType.REGEX, "prod.*"),
                Matcher.of("region", MatchType.NOT_REGEX, "us-.*"));
    }

    @Test
    void anchorsAndMergeKeysAreResolvedAsAlertmanagerResolvesThem() throws Exception {
        AmConfig merged = parse("""
                route:
                  receiver: team
                  routes:
                    - &first
                      receiver: team
                      group_wait: 1m
                      matchers: [a="b"]
                    - <<: *first
                      group_wait: 2m
                receivers: [{name: team}]
                """);
        assertThat(merged.route.routes.get(1).receiver).isEqualTo("team");
        assertThat(merged.route.routes.get(1).groupWait).hasMinutes(2);
        assertThat(merged.route.routes.get(1).matchers).containsExactly(Matcher.of("a", MatchType.EQUAL, "b"));
    }

    @Test
    void fieldsOfNewerAlertmanagersAreKnown() throws Exception {
        AmConfig c = parse("""
                route: {receiver: x}
                inhibit_rules:
                  - name: named-rule
                    source_matchers: [a="b"]
                    target_matchers: [c="d"]
                receivers:
                  - name: x
                    msteamsv2_configs: [{webhook_url: 'https://example.com/w'}]
                    discord_configs: [{webhook_url: 'https://discord.example.com/x'}]
                """);
        assertThat(c.inhibitRules.get(0).name).isEqualTo("named-rule");
        assertThat(c.receivers.get("x").integrations).extracting(AmConfig.Integration::kind)
                .containsExactly("msteamsv2_configs", "discord_configs");
    }

    @Test
    void everyProblemIsNamedInOneRunInTheOrderOfTheFile() {
        List<ImportProblem> p = problems("""
                global:
                  slack_api_url: 'https://hooks.slack.com/x'
                  slack_api_url_file: /etc/slack
                route:
                  receiver: x
                  group_by: [alertname, '...']
                  routes:
                    - receiver: y
                      repeat_interval: 0s
                      colour: blue
                receivers:
                  - name: x
                    webhook_configs: [{}]
                """);
        assertThat(p).extracting(ImportProblem::toString).containsExactly(
                "line 3, column 3: at most one of slack_api_url & slack_api_url_file must be configured",
                "line 6, column 3: cannot have wildcard group_by (`...`) and other other labels at the same time",
                "line 8, column 17: undefined receiver \"y\" used in route",
                "line 9, column 24: repeat_interval cannot be zero",
                "line 10, column 7: field colour not found in route",
                "line 13, column 23: one of url or url_file must be configured");
    }

    @Test
    void timeIntervalsAreReadWithAlertmanagersRulesAndWrittenMondayFirst() throws Exception {
        AmConfig c = parse("""
                route: {receiver: x}
                time_intervals:
                  - name: t
                    time_intervals:
                      - weekdays: ['Sunday:Tuesday', friday]
                        days_of_month: ['1:5', '-3:-1', '25:-1']
                        months: ['January:march', '12']
                        years: ['2026:2027']
                        location: Asia/Tokyo
                receivers: [{name: x}]
                """);
        TimeWindow w = c.timeIntervals.get("t").get(0);
        assertThat(w.weekdays).containsExactly("monday:tuesday", "friday", "sunday");
        assertThat(w.daysOfMonth).containsExactly("1:5", "-3:-1", "25:-1");
        assertThat(w.months).containsExactly("1:3", "12");
        assertThat(w.years).containsExactly("2026:2027");
        assertThat(w.timeZone).isEqualTo("Asia/Tokyo");
        assertThat(problems("""
                route: {receiver: x}
                time_intervals:
                  - name: t
                    time_intervals:
                      - days_of_month: ['-1:5', '0', '10:3']
                        months: ['13']
                        location: Mars/Olympus
                receivers: [{name: x}]
                """)).extracting(ImportProblem::message).containsExactly(
                "end day must be negative if start day is negative", "0 is not a valid day of the month: out of range",
                "end day 3 is always before start day 10", "13 is not a valid month: out of range",
                "unknown time zone Mars/Olympus");
    }
}
