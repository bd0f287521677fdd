package io.opsgate.engine.alerting;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.opsgate.engine.support.Rules.labels;
import static io.opsgate.engine.support.Rules.set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a rule in shadow is reached in the routing tree, and what it would take: never what the enforced rules
 * take, and exactly as Alertmanager would reach it were its subtree enforced (docs/rules.md, "Shadow rules").
 */
class ShadowRoutingTest {
    private static final long NOW = 1_700_000_000_000L;

    /** What one walk told its observer. */
    private static final class Seen implements RouteObserver {
        final List<String> matched = new ArrayList<>();
        final List<String> wouldTake = new ArrayList<>();

        @Override
        public void matched(CompiledRule rule) {
            matched.add(rule.name);
        }

        @Override
        public void wouldTake(CompiledRule rule) {
            wouldTake.add(rule.name);
        }
    }

    private record Walk(List<String> taken, Seen seen) {
    }

    private static Walk walk(RuleSet rules, Map<String, String> labels) {
        Seen seen = new Seen();
        List<String> taken = rules.route(labels, Map.of(), NOW, new RuleIndex.Candidates(), seen).stream()
                .map(r -> r.name).toList();
        assertThat(rules.route(labels, NOW, new RuleIndex.Candidates())).extracting(r -> r.name)
                .as("the rules taken are the same without an observer").containsExactlyElementsOf(taken);
        return new Walk(taken, seen);
    }

    @Test
    void aShadowRuleBeforeAnEnforcedOneTakesNothingButWouldHaveTakenTheAlert() {
        RuleSet rules = set(
                "try-db", "mode: Shadow\nmatchers: ['team=\"db\"']\nactions: {notify: {channels: [db-pager]}}",
                "all", "actions: {notify: {channels: [mail]}}");

        Walk w = walk(rules, labels("team", "db"));

        assertThat(w.taken()).containsExactly("all");
        assertThat(w.seen().matched).containsExactly("try-db", "all");
        assertThat(w.seen().wouldTake).containsExactly("try-db");
    }

    @Test
    void aShadowRuleAfterAMatchWithoutContinueIsNotReached() {
        RuleSet rules = set(
                "first", "order: 10\nmatchers: ['team=\"db\"']\nactions: {notify: {channels: [mail]}}",
                "late", "order: 20\nmode: Shadow\nmatchers: ['team=\"db\"']\nactions: {drop: true}");

        Walk w = walk(rules, labels("team", "db"));

        assertThat(w.taken()).containsExactly("first");
        assertThat(w.seen().matched).containsExactly("first");
        assertThat(w.seen().wouldTake).isEmpty();
    }

    @Test
    void aShadowRuleAfterAMatchWithContinueIsReached() {
        RuleSet rules = set(
                "first", "order: 10\ncontinue: true\nmatchers: ['team=\"db\"']\nactions: {notify: {channels: [mail]}}",
                "late", "order: 20\nmode: Shadow\nmatchers: ['team=\"db\"']\nactions: {drop: true}");

        Walk w = walk(rules, labels("team", "db"));

        assertThat(w.taken()).containsExactly("first");
        assertThat(w.seen().wouldTake).containsExactly("late");
    }

    @Test
    void anEnforcedDropBeforeItKeepsAShadowRuleFromBeingReached() {
        RuleSet rules = set(
                "drop", "order: 10\ncontinue: true\nmatchers: ['severity=\"info\"']\nactions: {drop: true}",
                "late", "order: 20\nmode: Shadow\nactions: {notify: {channels: [mail]}}");

        Walk w = walk(rules, labels("severity", "info"));

        assertThat(w.taken()).containsExactly("drop");
        assertThat(w.seen().wouldTake).isEmpty();
        assertThat(walk(rules, labels("severity", "warning")).seen().wouldTake).containsExactly("late");
    }

    @Test
    void aShadowChildDoesNotKeepItsEnforcedParentFromTakingTheAlert() {
        RuleSet rules = set(
                "team", "matchers: ['team=\"db\"']\nactions: {notify: {channels: [db-mail]}}",
                "team-critical", "parent: team\nmode: Shadow\nmatchers: ['severity=\"critical\"']\n"
                        + "actions: {ticket: {priority: P1}}");

        Walk w = walk(rules, labels("team", "db", "severity", "critical"));

        assertThat(w.taken()).containsExactly("team");
        assertThat(w.seen().matched).containsExactly("team", "team-critical");
        assertThat(w.seen().wouldTake).containsExactly("team-critical");
    }

    @Test
    void aShadowSubtreeIsWalkedAsIfEnforcedAndItsChildrenAreInShadowToo() {
        RuleSet rules = set(
                "imported-root", "order: 10\nmode: Shadow\nactions: {notify: {channels: [default]}}",
                "imported-db", "parent: imported-root\nmatchers: ['team=\"db\"']\nactions: {notify: {channels: [db]}}",
                "live", "order: 20\nactions: {notify: {channels: [mail]}}");

        assertThat(rules.rule("imported-db").shadow).as("below a rule in Shadow mode").isTrue();
        Walk db = walk(rules, labels("team", "db"));
        assertThat(db.taken()).containsExactly("live");
        assertThat(db.seen().wouldTake).as("the child takes it, so the root would not").containsExactly("imported-db");
        Walk web = walk(rules, labels("team", "web"));
        assertThat(web.taken()).containsExactly("live");
        assertThat(web.seen().wouldTake).containsExactly("imported-root");
    }

    @Test
    void twoShadowRulesNeverHideEachOther() {
        RuleSet rules = set(
                "a", "order: 10\nmode: Shadow\nactions: {drop: true}",
                "b", "order: 20\nmode: Shadow\nactions: {notify: {channels: [x]}}");

        Walk w = walk(rules, labels("alertname", "Any"));

        assertThat(w.taken()).isEmpty();
        assertThat(w.seen().wouldTake).containsExactly("a", "b");
    }

    @Test
    void aWouldBeDropEndsItsSubtreesWalk() {
        RuleSet rules = set(
                "root", "mode: Shadow\nactions: {notify: {channels: [default]}}",
                "drop-info", "parent: root\norder: 10\ncontinue: true\nmatchers: ['severity=\"info\"']\nactions: {drop: true}",
                "info-mail", "parent: root\norder: 20\nmatchers: ['severity=\"info\"']\nactions: {notify: {channels: [m]}}");

        Walk w = walk(rules, labels("severity", "info"));

        assertThat(w.seen().wouldTake).containsExactly("drop-info");
        assertThat(w.seen().matched).doesNotContain("info-mail");
    }

    @Test
    void shadowSilenceAndInhibitRulesAreKeptApart() {
        RuleSet rules = set(
                "window", "mode: Shadow\nmatchers: ['env=\"test\"']\nactions: {silence: {}}",
                "mute", "mode: Shadow\nmatchers: ['alertname=\"NodeDown\"']\n"
                        + "inhibit: {targetMatchers: ['alertname=\"DiskFull\"'], equal: [node]}",
                "live-window", "matchers: ['env=\"dev\"']\nactions: {silence: {}}");

        assertThat(rules.silencing()).extracting(r -> r.name).containsExactly("live-window");
        assertThat(rules.inhibiting()).isEmpty();
        assertThat(rules.shadowSilencing()).extracting(r -> r.name).containsExactly("window");
        assertThat(rules.shadowInhibiting()).extracting(r -> r.name).containsExactly("mute");
    }
}
