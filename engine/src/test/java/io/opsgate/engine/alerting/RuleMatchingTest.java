package io.opsgate.engine.alerting;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.opsgate.engine.support.Rules.labels;
import static io.opsgate.engine.support.Rules.rule;
import static io.opsgate.engine.support.Rules.set;
import static org.assertj.core.api.Assertions.assertThat;

/** Matchers, severities, time windows and order, with Alertmanager's semantics. */
class RuleMatchingTest {
    private static final long NOW = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli(); // a Monday

    @Test
    void regexesAreAnchoredAtBothEnds() {
        CompiledRule r = rule("r", "matchers: ['instance=~\"web-[0-9]+\"']\nactions: {drop: true}");
        assertThat(r.matches(labels("instance", "web-12"))).isTrue();
        assertThat(r.matches(labels("instance", "prod-web-12"))).isFalse();
        assertThat(r.matches(labels("instance", "web-12.example"))).isFalse();
    }

    @Test
    void alternationIsAnchoredAsAWhole() {
        CompiledRule r = rule("r", "matchers: ['severity=~\"critical|warning\"']\nactions: {drop: true}");
        assertThat(r.matches(labels("severity", "warning"))).isTrue();
        assertThat(r.matches(labels("severity", "criticalish"))).isFalse();
        assertThat(r.matches(labels("severity", "not-warning"))).isFalse();
    }

    @Test
    void aMissingLabelMatchesAsTheEmptyString() {
        CompiledRule notTest = rule("r", "matchers: ['env!=\"test\"']\nactions: {drop: true}");
        assertThat(notTest.matches(labels("alertname", "x"))).isTrue();
        CompiledRule emptyEnv = rule("r", "matchers: ['env=\"\"']\nactions: {drop: true}");
        assertThat(emptyEnv.matches(labels("alertname", "x"))).isTrue();
        assertThat(emptyEnv.matches(labels("env", "prod"))).isFalse();
        CompiledRule negRegex = rule("r", "matchers: ['env!~\"prod|staging\"']\nactions: {drop: true}");
        assertThat(negRegex.matches(labels("env", "prod"))).isFalse();
        assertThat(negRegex.matches(labels("env", "production"))).isTrue();
    }

    @Test
    void severitiesListsAllowedValues() {
        CompiledRule r = rule("r", "severities: [critical]\nactions: {drop: true}");
        assertThat(r.matches(labels("severity", "critical"))).isTrue();
        assertThat(r.matches(labels("severity", "warning"))).isFalse();
        assertThat(r.matches(labels("alertname", "x"))).isFalse();
    }

    @Test
    void timeWindowsAreEvaluatedInTheRulesZone() {
        // 10:00 UTC is 19:00 in Tokyo: outside 09:00-18:00 there, inside in UTC.
        CompiledRule tokyo = rule("r", """
                timeZone: Asia/Tokyo
                timeWindows: [{times: [{startTime: "09:00", endTime: "18:00"}], weekdays: ["monday:friday"]}]
                actions: {drop: true}""");
        CompiledRule utc = rule("r", """
                timeWindows: [{times: [{startTime: "09:00", endTime: "18:00"}], weekdays: ["monday:friday"]}]
                actions: {drop: true}""");
        assertThat(tokyo.inEffect(NOW)).isFalse();
        assertThat(utc.inEffect(NOW)).isTrue();
    }

    @Test
    void activeFromAndUntilBoundTheRule() {
        CompiledRule r = rule("r", """
                activeFrom: "2026-03-02T10:00:00Z"
                activeUntil: "2026-03-02T11:00:00Z"
                actions: {drop: true}""");
        assertThat(r.inEffect(NOW - 1)).isFalse();
        assertThat(r.inEffect(NOW)).isTrue();
        assertThat(r.inEffect(NOW + 3_600_000L)).isFalse();
    }

    @Test
    void firstMatchWinsUnlessContinue() {
        RuleSet rules = set(
                "a", "order: 10\nmatchers: ['team=\"web\"']\nactions: {ticket: {priority: P3}}",
                "b", "order: 20\nmatchers: ['team=\"web\"']\nactions: {ticket: {priority: P1}}");
        assertThat(rules.route(labels("team", "web"), NOW, new RuleIndex.Candidates())).extracting(r -> r.name)
                .containsExactly("a");
        RuleSet withContinue = set(
                "a", "order: 10\nmatchers: ['team=\"web\"']\ncontinue: true\nactions: {ticket: {priority: P3}}",
                "b", "order: 20\nmatchers: ['team=\"web\"']\nactions: {ticket: {priority: P1}}",
                "c", "order: 30\nmatchers: ['team=\"web\"']\nactions: {ticket: {priority: P1}}");
        assertThat(withContinue.route(labels("team", "web"), NOW, new RuleIndex.Candidates())).extracting(r -> r.name)
                .containsExactly("a", "b");
    }

    @Test
    void aRuleOutOfItsWindowIsSkippedForTheNext() {
        RuleSet rules = set(
                "night", "matchers: ['team=\"web\"']\ntimeWindows: [{times: [{startTime: \"00:00\", endTime: \"06:00\"}]}]\n"
                        + "actions: {drop: true}",
                "day", "matchers: ['team=\"web\"']\nactions: {ticket: {priority: P2}}");
        List<CompiledRule> matched = rules.route(Map.of("team", "web"), NOW, new RuleIndex.Candidates());
        assertThat(matched).extracting(r -> r.name).containsExactly("day");
    }

    private static List<String> route(RuleSet rules, String... kv) {
        return rules.route(labels(kv), NOW, new RuleIndex.Candidates()).stream().map(r -> r.name).toList();
    }

    /** The routing tree of Alertmanager's documentation, as parent rules. */
    private static final RuleSet TREE = set(
            "root", "actions: {notify: {channels: [default]}}",
            "db", "parent: root\norder: 1\nmatchers: ['service=~\"mysql|cassandra\"']\nactions: {notify: {channels: [db]}}",
            "db-pager", "parent: db\norder: 1\nmatchers: ['severity=\"critical\"']\ncontinue: true\n"
                    + "actions: {notify: {channels: [pager]}}",
            "db-team-x", "parent: db\norder: 2\nmatchers: ['team=\"x\"']\nactions: {notify: {channels: [team-x]}}",
            "frontend", "parent: root\norder: 2\nmatchers: ['service=\"frontend\"']\ncontinue: true\n"
                    + "actions: {notify: {channels: [frontend]}}",
            "frontend-critical", "parent: frontend\nmatchers: ['severity=\"critical\"']\n"
                    + "actions: {notify: {channels: [frontend-pager]}}",
            "everything", "parent: root\norder: 3\nmatchers: ['service=~\".+\"']\nactions: {notify: {channels: [audit]}}");

    @Test
    void aParentTakesAnAlertOnlyWhenNoneOfItsChildrenMatched() {
        assertThat(route(TREE, "service", "mysql")).containsExactly("db");
        assertThat(route(TREE, "service", "mysql", "team", "x")).containsExactly("db-team-x");
        assertThat(route(TREE, "alertname", "Other")).containsExactly("root");
    }

    @Test
    void aChildWithContinueThatMatchedStillKeepsItsParentFromTakingTheAlert() {
        // db-pager has continue and matches; db-team-x does not: db itself must not take the alert.
        assertThat(route(TREE, "service", "cassandra", "severity", "critical")).containsExactly("db-pager");
        assertThat(route(TREE, "service", "cassandra", "severity", "critical", "team", "x"))
                .containsExactly("db-pager", "db-team-x");
    }

    @Test
    void continueIsPerLevelAChildWithoutItStopsOnlyItsSiblings() {
        // frontend has continue: its child takes the alert, and evaluation goes on with frontend's siblings.
        assertThat(route(TREE, "service", "frontend", "severity", "critical"))
                .containsExactly("frontend-critical", "everything");
        assertThat(route(TREE, "service", "frontend")).containsExactly("frontend", "everything");
        // db has no continue: after db's subtree took the alert, everything is not evaluated.
        assertThat(route(TREE, "service", "mysql", "severity", "critical")).containsExactly("db-pager");
    }

    @Test
    void aChildIsOnlyEvaluatedForAlertsItsParentMatches() {
        RuleSet rules = set(
                "web", "matchers: ['team=\"web\"']\nactions: {notify: {channels: [web]}}",
                "critical", "parent: web\nmatchers: ['severity=\"critical\"']\nactions: {notify: {channels: [pager]}}",
                "rest", "order: 2000\nactions: {drop: true}");
        assertThat(route(rules, "team", "db", "severity", "critical")).containsExactly("rest");
        assertThat(route(rules, "team", "web", "severity", "critical")).containsExactly("critical");
    }

    @Test
    void aRuleWithoutChannelsTakesAlertsAndSendsNothing() {
        RuleSet rules = set(
                "watchdog", "matchers: ['alertname=\"Watchdog\"']\nactions: {notify: {channels: []}}",
                "rest", "order: 2000\nactions: {notify: {channels: [ops]}}");
        List<CompiledRule> matched = rules.route(labels("alertname", "Watchdog"), NOW, new RuleIndex.Candidates());
        assertThat(matched).extracting(r -> r.name).containsExactly("watchdog");
        assertThat(matched.get(0).notify).as("nothing to group or send").isNull();
        assertThat(matched.get(0).routes()).isTrue();
    }

    @Test
    void aRuleSetRefusesAParentThatIsNotARoutingRule() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> set(
                        "child", "parent: ghost\nactions: {drop: true}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghost");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> set(
                        "a", "parent: b\nactions: {drop: true}",
                        "b", "parent: a\nactions: {drop: true}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle");
    }
}
