package io.opsgate.engine.alerting;

import io.opsgate.engine.domain.Alert;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.opsgate.engine.support.Rules.labels;
import static io.opsgate.engine.support.Rules.set;
import static org.assertj.core.api.Assertions.assertThat;

/** Rules' text conditions: read from annotations, after the matchers, in routing, silencing and inhibition. */
class TextRuleMatchingTest {
    private static final long NOW = 1_772_445_600_000L;

    private static List<String> route(RuleSet rules, Map<String, String> labels, Map<String, String> annotations) {
        return rules.route(labels, annotations, NOW, new RuleIndex.Candidates()).stream().map(r -> r.name).toList();
    }

    @Test
    void aTextRuleTakesOnlyAlertsWhoseTextMatches() {
        RuleSet rules = set(
                "node1", "order: 10\nmatchers: ['team=\"ops\"']\ntext: '(WARN or ERROR) and testnode_001'\nactions: {ticket: {priority: P2}}",
                "rest", "order: 20\nmatchers: ['team=\"ops\"']\nactions: {ticket: {priority: P4}}");
        Map<String, String> l = labels("team", "ops", "alertname", "Batch");
        assertThat(route(rules, l, Map.of("summary", "ERROR on testnode_001"))).containsExactly("node1");
        assertThat(route(rules, l, Map.of("summary", "error", "description", "host TESTNODE_001"))).containsExactly("node1");
        assertThat(route(rules, l, Map.of("summary", "INFO on testnode_001"))).containsExactly("rest");
        assertThat(route(rules, l, Map.of())).containsExactly("rest");
        // Matchers still come first: the same text under another team takes neither rule.
        assertThat(route(rules, labels("team", "web"), Map.of("summary", "ERROR testnode_001"))).isEmpty();
    }

    @Test
    void mailFieldsExistOnlyForMailAlerts() {
        RuleSet rules = set("by-sender", "text: 'from:@batch.example.jp and subject:/^\\[ERROR\\]/'\nactions: {drop: true}");
        Map<String, String> mail = Map.of("summary", "[ERROR] job failed", "description", "body",
                AlertTexts.MAIL_FROM, "Batch <jobs@batch.example.jp>");
        assertThat(route(rules, labels("a", "b"), mail)).containsExactly("by-sender");
        // The same summary on an alert that did not come by mail has no subject and no sender.
        assertThat(route(rules, labels("a", "b"), Map.of("summary", "[ERROR] job failed"))).isEmpty();
    }

    @Test
    void maintenanceRulesWithTextSilenceOnlyWhatTheTextMatches() {
        RuleSet rules = set("maint", "text: 'testnode_001'\nactions: {silence: {comment: node 1 in maintenance}}");
        Silences silences = new Silences();
        assertThat(silences.silencedBy(labels("a", "b"), Map.of("summary", "testnode_001 down"), NOW, rules))
                .containsExactly(Silences.RULE_PREFIX + "maint");
        assertThat(silences.silencedBy(labels("a", "b"), Map.of("summary", "testnode_002 down"), NOW, rules)).isEmpty();
    }

    @Test
    void anInhibitingRuleWithTextMutesOnlyWhileItsSourceTextMatches() {
        RuleSet rules = set("outage", """
                matchers: ['alertname="SiteDown"']
                text: 'description:"全停止"'
                inhibit: {targetMatchers: ['severity="warning"'], equal: [site]}""");
        Inhibitor inhibitor = new Inhibitor(rules);
        Alert source = alert("s", labels("alertname", "SiteDown", "site", "tokyo"), Map.of("description", "東京 全停止"));
        Alert other = alert("o", labels("alertname", "SiteDown", "site", "osaka"), Map.of("description", "一部停止"));
        Alert target = alert("t", labels("alertname", "Disk", "severity", "warning", "site", "tokyo"), Map.of());
        Alert osakaTarget = alert("u", labels("alertname", "Disk", "severity", "warning", "site", "osaka"), Map.of());
        Map<String, Alert> held = Map.of("s", source, "o", other, "t", target, "u", osakaTarget);
        held.values().forEach(inhibitor::add);
        assertThat(inhibitor.inhibitedBy(target, NOW, held::get)).containsExactly("s");
        assertThat(inhibitor.inhibitedBy(osakaTarget, NOW, held::get)).isEmpty();
    }

    private static Alert alert(String fp, Map<String, String> labels, Map<String, String> annotations) {
        Alert a = new Alert();
        a.fingerprint = fp;
        a.labels = labels;
        a.annotations = annotations;
        a.endsAt = NOW + 60_000;
        return a;
    }
}
