package io.opsgate.engine.alerting;

import io.opsgate.engine.domain.Alert;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What mutes an alert, as Alertmanager's mute stage asks it: the tenant's silences (API silences and the
 * maintenance windows of rules with actions.silence) and inhibition by other held alerts, under the rules in
 * force. Owned by the tenant's lane.
 */
public final class Suppression {
    private final Silences silences = new Silences();
    private final Function<String, Alert> held;
    private RuleSet rules = RuleSet.empty();
    private Inhibitor inhibitor = new Inhibitor(rules);
    /** The inhibiting rules in shadow: what they would mute is counted, never applied. */
    private Inhibitor shadowInhibitor = new Inhibitor(List.of(), inhibitor);

    /** @param held the held alert of a fingerprint, or null: inhibition asks whether a source still fires */
    public Suppression(Function<String, Alert> held) {
        this.held = held;
    }

    public Silences silences() {
        return silences;
    }

    /** The rules in force. */
    public RuleSet rules() {
        return rules;
    }

    /** Follows new rules: inhibition is filed again over every held alert. */
    public void configure(RuleSet next, Collection<Alert> alerts) {
        this.rules = next;
        this.inhibitor = new Inhibitor(next);
        this.shadowInhibitor = new Inhibitor(next.shadowInhibiting(), inhibitor);
        for (Alert a : alerts) {
            file(a);
        }
    }

    /** Files a held alert as a possible inhibition source. */
    public void file(Alert a) {
        inhibitor.add(a);
        shadowInhibitor.add(a);
    }

    /** Forgets an alert as a source (its labels change, or it is no longer held). */
    public void unfile(Alert a) {
        inhibitor.remove(a);
        shadowInhibitor.remove(a);
    }

    /** The silences muting the alert at {@code now}: API silence ids and {@code rule/<name>}. */
    public List<String> silencedBy(Alert a, long now) {
        return silences.silencedBy(a.labels, a.annotations, now, rules);
    }

    /** The fingerprints of the alerts inhibiting this one at {@code now}. */
    public List<String> inhibitedBy(Alert a, long now) {
        return inhibitor.inhibitedBy(a, now, held);
    }

    /** As {@link #inhibitedBy(Alert, long)}, telling {@code byRule} of each rule that mutes it. */
    public List<String> inhibitedBy(Alert a, long now, Consumer<CompiledRule> byRule) {
        return inhibitor.inhibitedBy(a, now, held, byRule);
    }

    /**
     * Tells {@code byRule} of each rule in shadow that would silence the alert at {@code now} (its maintenance
     * window) or would mute it (its inhibit section), as {@code wouldSilence}/{@code wouldInhibit}. Changes nothing.
     */
    public void shadowSuppression(Alert a, long now, Consumer<CompiledRule> wouldSilence,
                                  Consumer<CompiledRule> wouldInhibit) {
        for (CompiledRule r : rules.shadowSilencing()) {
            if (r.matches(a.labels, a.annotations) && r.inEffect(now)) {
                wouldSilence.accept(r);
            }
        }
        if (!rules.shadowInhibiting().isEmpty()) {
            shadowInhibitor.inhibitedBy(a, now, held, wouldInhibit);
        }
    }

    /** Whether the alert is silenced or inhibited at {@code now}. */
    public boolean muted(Alert a, long now) {
        return !silencedBy(a, now).isEmpty() || !inhibitedBy(a, now).isEmpty();
    }
}
