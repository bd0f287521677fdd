package io.opsgate.engine.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule's counts as stored, so they survive a restart: kept while the rule's spec (its digest) is unchanged.
 * Times are epoch milliseconds, 0 when none.
 */
public final class RuleHitsRecord {
    public String rule;
    /** The digest of the spec the counts belong to. */
    public String spec;
    public long since;
    public long total;
    public long dropped;
    public long lastMatch;
    /** The minutes of the last hour with matches (epoch minutes) and their counts, index by index. */
    public List<Long> minutes = new ArrayList<>();
    public List<Integer> counts = new ArrayList<>();
    public long wouldDrop;
    public long wouldTicket;
    public long wouldSilence;
    public long wouldInhibit;
    /** Per channel, in the rule's channel order. */
    public Map<String, Long> wouldNotify = new LinkedHashMap<>();
    /** The latest matches of a rule in shadow, newest first. */
    public List<RecentMatch> recent = new ArrayList<>();

    /** One match of a rule in shadow: its time and the alert's labels. */
    public static final class RecentMatch {
        public long time;
        public Map<String, String> labels = new LinkedHashMap<>();
    }
}
