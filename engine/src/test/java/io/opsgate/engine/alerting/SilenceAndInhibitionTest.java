package io.opsgate.engine.alerting;

import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.Silence;
import io.opsgate.engine.domain.SilenceMatcher;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.opsgate.engine.support.Rules.labels;
import static io.opsgate.engine.support.Rules.set;
import static org.assertj.core.api.Assertions.assertThat;

/** Silences (API and maintenance-window rules) and inhibition, as Alertmanager decides them. */
class SilenceAndInhibitionTest {
    private static final long NOW = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

    private static Silence silence(String id, long start, long end, SilenceMatcher... matchers) {
        Silence s = new Silence();
        s.id = id;
        s.startsAt = start;
        s.endsAt = end;
        s.matchers = List.of(matchers);
        return s;
    }

    @Test
    void aSilenceMutesWhileActiveAndOnlyWhenAllMatchersHold() {
        Silences silences = new Silences();
        silences.put(silence("s1", NOW - 1000, NOW + 60_000,
                new SilenceMatcher("alertname", "DiskFull", false, true),
                new SilenceMatcher("instance", "web-.*", true, true)));
        RuleSet none = RuleSet.empty();
        assertThat(silences.silencedBy(labels("alertname", "DiskFull", "instance", "web-1"), NOW, none)).containsExactly("s1");
        assertThat(silences.silencedBy(labels("alertname", "DiskFull", "instance", "db-1"), NOW, none)).isEmpty();
        assertThat(silences.silencedBy(labels("alertname", "DiskFull", "instance", "xweb-1"), NOW, none)).isEmpty();
        assertThat(silences.silencedBy(labels("alertname", "DiskFull", "instance", "web-1"), NOW + 60_000, none)).isEmpty();
        assertThat(silences.silencedBy(labels("alertname", "DiskFull", "instance", "web-1"), NOW - 2000, none)).isEmpty();
    }

    @Test
    void negativeMatchersSilenceEverythingElse() {
        Silences silences = new Silences();
        silences.put(silence("s1", NOW - 1, NOW + 60_000,
                new SilenceMatcher("team", "web", false, true), new SilenceMatcher("env", "prod", false, false)));
        assertThat(silences.silencedBy(labels("team", "web", "env", "test"), NOW, RuleSet.empty())).hasSize(1);
        assertThat(silences.silencedBy(labels("team", "web", "env", "prod"), NOW, RuleSet.empty())).isEmpty();
    }

    @Test
    void aMaintenanceWindowRuleSilencesInsideItsWindowOnly() {
        RuleSet rules = set("maintenance", """
                matchers: ['team="db"']
                timeWindows: [{times: [{startTime: "09:00", endTime: "11:00"}]}]
                actions: {silence: {comment: patching}}""");
        Silences silences = new Silences();
        assertThat(silences.silencedBy(labels("team", "db"), NOW, rules)).containsExactly("rule/maintenance");
        assertThat(silences.silencedBy(labels("team", "db"), NOW + 2 * 3_600_000L, rules)).isEmpty();
        assertThat(silences.silencedBy(labels("team", "web"), NOW, rules)).isEmpty();
    }

    private static Alert alert(Map<String, String> labels, boolean firing) {
        Alert a = new Alert();
        a.labels = labels;
        a.fingerprint = Fingerprints.hex(labels);
        a.startsAt = NOW - 1000;
        a.endsAt = firing ? NOW + 300_000 : NOW - 1;
        return a;
    }

    private static final RuleSet INHIBIT = set("critical-inhibits-warning", """
            matchers: ['severity="critical"']
            inhibit:
              targetMatchers: ['severity="warning"']
              equal: [alertname, instance]""");

    @Test
    void aFiringSourceInhibitsTargetsWithEqualLabels() {
        Inhibitor inhibitor = new Inhibitor(INHIBIT);
        Map<String, Alert> held = new HashMap<>();
        Alert source = alert(labels("alertname", "Disk", "instance", "a", "severity", "critical"), true);
        Alert target = alert(labels("alertname", "Disk", "instance", "a", "severity", "warning"), true);
        Alert otherInstance = alert(labels("alertname", "Disk", "instance", "b", "severity", "warning"), true);
        for (Alert a : List.of(source, target, otherInstance)) {
            held.put(a.fingerprint, a);
            inhibitor.add(a);
        }
        assertThat(inhibitor.inhibitedBy(target, NOW, held::get)).containsExactly(source.fingerprint);
        assertThat(inhibitor.inhibitedBy(otherInstance, NOW, held::get)).isEmpty();
        assertThat(inhibitor.inhibitedBy(source, NOW, held::get)).isEmpty();
    }

    @Test
    void aResolvedSourceInhibitsNothing() {
        Inhibitor inhibitor = new Inhibitor(INHIBIT);
        Map<String, Alert> held = new HashMap<>();
        Alert source = alert(labels("alertname", "Disk", "instance", "a", "severity", "critical"), false);
        Alert target = alert(labels("alertname", "Disk", "instance", "a", "severity", "warning"), true);
        for (Alert a : List.of(source, target)) {
            held.put(a.fingerprint, a);
            inhibitor.add(a);
        }
        assertThat(inhibitor.inhibitedBy(target, NOW, held::get)).isEmpty();
    }

    @Test
    void anInhibitedSourceDoesNotInhibit() {
        RuleSet rules = set(
                "page-inhibits-critical", """
                        matchers: ['severity="page"']
                        inhibit: {targetMatchers: ['severity="critical"'], equal: [alertname]}""",
                "critical-inhibits-warning", """
                        matchers: ['severity="critical"']
                        inhibit: {targetMatchers: ['severity="warning"'], equal: [alertname]}""");
        Inhibitor inhibitor = new Inhibitor(rules);
        Map<String, Alert> held = new HashMap<>();
        Alert page = alert(labels("alertname", "Disk", "severity", "page"), true);
        Alert critical = alert(labels("alertname", "Disk", "severity", "critical"), true);
        Alert warning = alert(labels("alertname", "Disk", "severity", "warning"), true);
        for (Alert a : List.of(page, critical, warning)) {
            held.put(a.fingerprint, a);
            inhibitor.add(a);
        }
        assertThat(inhibitor.inhibitedBy(critical, NOW, held::get)).containsExactly(page.fingerprint);
        assertThat(inhibitor.inhibitedBy(warning, NOW, held::get)).isEmpty();
    }

    @Test
    void sourcesMatchingBothSidesDoNotMuteAnAlertMatchingBothSidesButMuteOthers() {
        // Alertmanager's two-sided exclusion: NodeDown alerts are sources and targets of the same rule.
        RuleSet rules = set("node-down", """
                matchers: ['alertname="NodeDown"']
                inhibit: {targetMatchers: ['severity=~"warning|critical"'], equal: [instance]}""");
        Inhibitor inhibitor = new Inhibitor(rules);
        Map<String, Alert> held = new HashMap<>();
        Alert downA = alert(labels("alertname", "NodeDown", "severity", "critical", "instance", "n1", "job", "a"), true);
        Alert downB = alert(labels("alertname", "NodeDown", "severity", "critical", "instance", "n1", "job", "b"), true);
        Alert disk = alert(labels("alertname", "DiskFull", "severity", "warning", "instance", "n1"), true);
        for (Alert a : List.of(downA, downB, disk)) {
            held.put(a.fingerprint, a);
            inhibitor.add(a);
        }
        assertThat(inhibitor.inhibitedBy(downA, NOW, held::get)).isEmpty();
        assertThat(inhibitor.inhibitedBy(downB, NOW, held::get)).isEmpty();
        assertThat(inhibitor.inhibitedBy(disk, NOW, held::get))
                .containsExactlyInAnyOrder(downA.fingerprint, downB.fingerprint);
    }

    @Test
    void anAlertMatchingSourceAndTargetDoesNotInhibitItself() {
        RuleSet rules = set("self", """
                matchers: ['alertname="Disk"']
                inhibit: {targetMatchers: ['alertname="Disk"'], equal: [alertname]}""");
        Inhibitor inhibitor = new Inhibitor(rules);
        Alert a = alert(labels("alertname", "Disk"), true);
        inhibitor.add(a);
        assertThat(inhibitor.inhibitedBy(a, NOW, fp -> a)).isEmpty();
    }
}
