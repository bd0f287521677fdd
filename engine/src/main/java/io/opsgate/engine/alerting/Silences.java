package io.opsgate.engine.alerting;

import io.opsgate.api.matcher.MatchType;
import io.opsgate.api.matcher.Matcher;
import io.opsgate.engine.domain.Silence;
import io.opsgate.engine.domain.SilenceMatcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The silences of a tenant: those created through the API, and the maintenance windows of rules with
 * actions.silence. An alert is silenced when every matcher of an active silence holds, as in
 * Alertmanager.
 */
public final class Silences {
    /** Prefix of the silencedBy entries that come from rules rather than API silences. */
    public static final String RULE_PREFIX = "rule/";

    private record Entry(Silence silence, List<Matcher> matchers) {
    }

    private final Map<String, Entry> byId = new LinkedHashMap<>();

    /** Adds or replaces a silence. */
    public void put(Silence silence) {
        byId.put(silence.id, new Entry(silence, compile(silence.matchers)));
    }

    public void remove(String id) {
        byId.remove(id);
    }

    public Silence get(String id) {
        Entry e = byId.get(id);
        return e == null ? null : e.silence();
    }

    public Collection<Silence> all() {
        return byId.values().stream().map(Entry::silence).toList();
    }

    /**
     * Compiles API matchers.
     *
     * @throws IllegalArgumentException when a regex does not compile
     */
    public static List<Matcher> compile(List<SilenceMatcher> matchers) {
        List<Matcher> result = new ArrayList<>(matchers.size());
        for (SilenceMatcher m : matchers) {
            result.add(Matcher.of(m.name(), MatchType.of(m.isEqual(), m.isRegex()), m.value()));
        }
        return result;
    }

    /** The ids of the silences muting the labels at {@code now}: API silence ids and rule/<name>. */
    public List<String> silencedBy(Map<String, String> labels, long now, RuleSet rules) {
        return silencedBy(labels, Map.of(), now, rules);
    }

    /** As {@link #silencedBy(Map, long, RuleSet)}, with the annotations that rules' text conditions read. */
    public List<String> silencedBy(Map<String, String> labels, Map<String, String> annotations, long now, RuleSet rules) {
        List<String> ids = null;
        for (Entry e : byId.values()) {
            Silence s = e.silence();
            if (s.startsAt <= now && now < s.endsAt && Matchers.all(e.matchers(), labels)) {
                if (ids == null) {
                    ids = new ArrayList<>(1);
                }
                ids.add(s.id);
            }
        }
        for (CompiledRule r : rules.silencing()) {
            if (r.matches(labels, annotations) && r.inEffect(now)) {
                if (ids == null) {
                    ids = new ArrayList<>(1);
                }
                ids.add(RULE_PREFIX + r.name);
            }
        }
        return ids == null ? List.of() : ids;
    }
}
