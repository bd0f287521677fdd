package io.opsgate.engine.alerting;

import io.opsgate.api.matcher.Matcher;

import java.util.List;
import java.util.Map;

/** Lists of label matchers, as filters and silences use them: all must hold. */
public final class Matchers {
    private Matchers() {
    }

    /** Whether every matcher holds for the labels (an absent label is the empty value). */
    public static boolean all(List<Matcher> matchers, Map<String, String> labels) {
        for (Matcher m : matchers) {
            if (!m.matches(labels.get(m.name()))) {
                return false;
            }
        }
        return true;
    }
}
