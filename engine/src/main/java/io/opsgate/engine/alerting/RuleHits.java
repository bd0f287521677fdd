package io.opsgate.engine.alerting;

import io.opsgate.engine.domain.RuleHitsRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How often each rule of one configuration matched, and what the rules in shadow would have done. Plain arrays
 * indexed by a rule's position, so counting an alert allocates nothing: the pipeline calls {@link #begin} for
 * each received alert, then the walk of the routing tree and the suppression checks report to it. The last hour
 * is kept in one-minute buckets (the current minute and the 59 before it). A rule is counted at most once per
 * received alert. Owned by the tenant's lane.
 *
 * <p>Counts belong to a rule's spec: a reload keeps those of unchanged rules ({@link #next}); a changed rule starts
 * again from zero, its {@code since} the time of the change. {@link #changed} hands out what changed as records to
 * store, so the counts survive a restart too ({@link #start}).
 */
public final class RuleHits implements RouteObserver {
    /** How many recent matches a rule in shadow keeps. */
    public static final int RECENT = 5;
    private static final int MINUTES = 60;
    private static final long MINUTE_MILLIS = 60_000;

    private final RuleSet rules;
    private final List<CompiledRule> all;
    private final long[] total;
    private final long[] dropped;
    private final long[] lastMatch;
    private final long[] since;
    /** Matches per minute: row {@code position}, column {@code minute % 60}. */
    private final int[] perMinute;
    /** The epoch minute of the newest column; older columns hold the minutes before it. */
    private long minute;
    private final long[] wouldDrop;
    private final long[] wouldTicket;
    private final long[] wouldSilence;
    private final long[] wouldInhibit;
    /** Per rule in shadow with a notify action: per channel. */
    private final long[][] wouldNotify;
    /** Per rule in shadow: a ring of the latest matches' labels and times. */
    private final Map<String, String>[][] recentLabels;
    private final long[][] recentAt;
    private final int[] recentCount;
    /** The receipt a rule was last counted in, so a rule that matches twice (routes and mutes) counts once. */
    private final long[] countedIn;
    private final boolean[] dirty;
    private boolean anyDirty;
    private long receipt;
    private Map<String, String> labels = Map.of();
    private long now;

    private final Consumer<CompiledRule> silencedBy = this::matched;
    private final Consumer<CompiledRule> inhibitedBy = this::matched;
    private final Consumer<CompiledRule> wouldSilenceBy = this::wouldSilence;
    private final Consumer<CompiledRule> wouldInhibitBy = this::wouldInhibit;

    @SuppressWarnings("unchecked")
    private RuleHits(RuleSet rules, long now) {
        this.rules = rules;
        this.all = rules.all();
        int n = all.size();
        total = new long[n];
        dropped = new long[n];
        lastMatch = new long[n];
        since = new long[n];
        perMinute = new int[n * MINUTES];
        minute = now / MINUTE_MILLIS;
        wouldDrop = new long[n];
        wouldTicket = new long[n];
        wouldSilence = new long[n];
        wouldInhibit = new long[n];
        wouldNotify = new long[n][];
        recentLabels = new Map[n][];
        recentAt = new long[n][];
        recentCount = new int[n];
        countedIn = new long[n];
        Arrays.fill(countedIn, -1);
        dirty = new boolean[n];
        for (CompiledRule r : all) {
            int p = r.position;
            since[p] = now;
            if (r.shadow) {
                wouldNotify[p] = r.notify == null ? null : new long[r.notify.channels().size()];
                recentLabels[p] = new Map[RECENT];
                recentAt[p] = new long[RECENT];
            }
        }
    }

    /** Counts of a configuration that has none yet. */
    public static RuleHits empty() {
        return new RuleHits(RuleSet.empty(), 0);
    }

    /**
     * The counts of the first configuration after a start: from the stored records of rules whose spec is
     * unchanged, else from zero since {@code now}. Every rule is marked changed, so its record is stored.
     */
    public static RuleHits start(RuleSet rules, long now, Collection<RuleHitsRecord> stored) {
        RuleHits h = new RuleHits(rules, now);
        Map<String, RuleHitsRecord> byName = new HashMap<>();
        stored.forEach(r -> byName.put(r.rule, r));
        for (CompiledRule r : h.all) {
            RuleHitsRecord rec = byName.get(r.name);
            if (rec != null && r.specDigest.equals(rec.spec)) {
                h.restore(r, rec);
            }
            h.mark(r.position);
        }
        return h;
    }

    /**
     * The counts of the next configuration: unchanged rules (same name, same spec) keep theirs, the others start
     * from zero since {@code now} and are marked changed.
     */
    public RuleHits next(RuleSet nextRules, long now) {
        advance(now);
        RuleHits h = new RuleHits(nextRules, now);
        h.minute = minute;
        for (CompiledRule r : h.all) {
            CompiledRule old = rules.rule(r.name);
            if (old != null && old.specDigest.equals(r.specDigest)) {
                h.carry(r.position, this, old.position);
                if (dirty[old.position]) {
                    h.mark(r.position);
                }
            } else {
                h.mark(r.position);
            }
        }
        return h;
    }

    /** The names of rules counted here that {@code nextRules} no longer has: their records can go. */
    public List<String> gone(RuleSet nextRules) {
        List<String> names = new ArrayList<>();
        for (CompiledRule r : all) {
            if (nextRules.rule(r.name) == null) {
                names.add(r.name);
            }
        }
        return names;
    }

    private void carry(int p, RuleHits from, int q) {
        total[p] = from.total[q];
        dropped[p] = from.dropped[q];
        lastMatch[p] = from.lastMatch[q];
        since[p] = from.since[q];
        System.arraycopy(from.perMinute, q * MINUTES, perMinute, p * MINUTES, MINUTES);
        wouldDrop[p] = from.wouldDrop[q];
        wouldTicket[p] = from.wouldTicket[q];
        wouldSilence[p] = from.wouldSilence[q];
        wouldInhibit[p] = from.wouldInhibit[q];
        if (wouldNotify[p] != null && from.wouldNotify[q] != null) {
            System.arraycopy(from.wouldNotify[q], 0, wouldNotify[p], 0, wouldNotify[p].length);
        }
        if (recentLabels[p] != null && from.recentLabels[q] != null) {
            System.arraycopy(from.recentLabels[q], 0, recentLabels[p], 0, RECENT);
            System.arraycopy(from.recentAt[q], 0, recentAt[p], 0, RECENT);
            recentCount[p] = from.recentCount[q];
        }
    }

    private void restore(CompiledRule r, RuleHitsRecord rec) {
        int p = r.position;
        total[p] = rec.total;
        dropped[p] = rec.dropped;
        lastMatch[p] = rec.lastMatch;
        since[p] = rec.since;
        for (int i = 0; i < Math.min(rec.minutes.size(), rec.counts.size()); i++) {
            long m = rec.minutes.get(i);
            if (m <= minute && m > minute - MINUTES) {
                perMinute[p * MINUTES + (int) (m % MINUTES)] = rec.counts.get(i);
            }
        }
        wouldDrop[p] = rec.wouldDrop;
        wouldTicket[p] = rec.wouldTicket;
        wouldSilence[p] = rec.wouldSilence;
        wouldInhibit[p] = rec.wouldInhibit;
        if (wouldNotify[p] != null) {
            List<String> channels = r.notify.channels();
            for (int k = 0; k < channels.size(); k++) {
                wouldNotify[p][k] = rec.wouldNotify.getOrDefault(channels.get(k), 0L);
            }
        }
        if (recentLabels[p] != null) {
            // Stored newest first; the ring is filled oldest first so the newest ends up last written.
            List<RuleHitsRecord.RecentMatch> recent = rec.recent.subList(0, Math.min(RECENT, rec.recent.size()));
            for (int i = recent.size() - 1; i >= 0; i--) {
                remember(p, recent.get(i).labels, recent.get(i).time);
            }
        }
    }

    /** Starts counting one received alert. */
    public void begin(Map<String, String> alertLabels, long at) {
        receipt++;
        labels = alertLabels;
        now = at;
        advance(at);
    }

    /** Moves the hour's window to the minute of {@code at}, emptying the columns of minutes that left it. */
    private void advance(long at) {
        long m = at / MINUTE_MILLIS;
        if (m <= minute) {
            return;
        }
        long clear = Math.min(m - minute, MINUTES);
        for (long k = 1; k <= clear; k++) {
            int column = (int) ((minute + k) % MINUTES);
            for (int p = 0; p < all.size(); p++) {
                perMinute[p * MINUTES + column] = 0;
            }
        }
        minute = m;
    }

    @Override
    public void matched(CompiledRule r) {
        int p = r.position;
        if (p >= total.length || all.get(p) != r || countedIn[p] == receipt) {
            return;
        }
        countedIn[p] = receipt;
        total[p]++;
        perMinute[p * MINUTES + (int) (minute % MINUTES)]++;
        lastMatch[p] = now;
        if (recentLabels[p] != null) {
            remember(p, labels, now);
        }
        mark(p);
    }

    private void remember(int p, Map<String, String> alertLabels, long at) {
        int slot = recentCount[p] % RECENT;
        recentLabels[p][slot] = alertLabels;
        recentAt[p][slot] = at;
        recentCount[p]++;
    }

    @Override
    public void wouldTake(CompiledRule r) {
        int p = r.position;
        if (p >= total.length || all.get(p) != r) {
            return;
        }
        if (r.drop) {
            wouldDrop[p]++;
        }
        if (r.ticket != null) {
            wouldTicket[p]++;
        }
        if (wouldNotify[p] != null) {
            for (int k = 0; k < wouldNotify[p].length; k++) {
                wouldNotify[p][k]++;
            }
        }
        mark(p);
    }

    /** A drop rule dropped the alert. */
    public void dropped(CompiledRule r) {
        if (r.position < total.length && all.get(r.position) == r) {
            dropped[r.position]++;
            mark(r.position);
        }
    }

    /** A maintenance-window rule silenced the alert: {@code rule/<name>} of the silences that mute it. */
    public void silencedBy(List<String> silenceIds) {
        for (int i = 0; i < silenceIds.size(); i++) {
            String id = silenceIds.get(i);
            if (id.startsWith(Silences.RULE_PREFIX)) {
                CompiledRule r = rules.rule(id.substring(Silences.RULE_PREFIX.length()));
                if (r != null) {
                    silencedBy.accept(r);
                }
            }
        }
    }

    /** Told of each inhibiting rule that mutes the alert; counts it as a match. */
    public Consumer<CompiledRule> inhibitedBy() {
        return inhibitedBy;
    }

    /** Told of each maintenance-window rule in shadow that would silence the alert. */
    public Consumer<CompiledRule> wouldSilence() {
        return wouldSilenceBy;
    }

    /** Told of each inhibiting rule in shadow that would mute the alert. */
    public Consumer<CompiledRule> wouldInhibit() {
        return wouldInhibitBy;
    }

    private void wouldSilence(CompiledRule r) {
        matched(r);
        wouldSilence[r.position]++;
    }

    private void wouldInhibit(CompiledRule r) {
        matched(r);
        wouldInhibit[r.position]++;
    }

    private void mark(int p) {
        dirty[p] = true;
        anyDirty = true;
    }

    /** Every rule's counts at {@code at}, in evaluation order. */
    public List<RuleStats> snapshot(long at) {
        advance(at);
        List<RuleStats> result = new ArrayList<>(all.size());
        for (CompiledRule r : all) {
            result.add(stats(r));
        }
        return result;
    }

    private RuleStats stats(CompiledRule r) {
        int p = r.position;
        long hour = 0;
        for (int i = p * MINUTES; i < (p + 1) * MINUTES; i++) {
            hour += perMinute[i];
        }
        RuleStats.Shadow shadow = null;
        if (r.shadow) {
            Map<String, Long> notify = new LinkedHashMap<>();
            if (wouldNotify[p] != null) {
                for (int k = 0; k < wouldNotify[p].length; k++) {
                    notify.merge(r.notify.channels().get(k), wouldNotify[p][k], Long::sum);
                }
            }
            List<RuleStats.Match> recent = new ArrayList<>();
            for (int i = 1; i <= Math.min(RECENT, recentCount[p]); i++) {
                int slot = (recentCount[p] - i) % RECENT;
                recent.add(new RuleStats.Match(recentAt[p][slot], recentLabels[p][slot]));
            }
            shadow = new RuleStats.Shadow(wouldDrop[p], wouldTicket[p], r.ticket == null ? null : r.ticket.priority(),
                    notify, wouldSilence[p], wouldInhibit[p], recent);
        }
        return new RuleStats(r.name, r.shadow, hour, total[p], r.drop && !r.shadow ? dropped[p] : null, lastMatch[p],
                since[p], shadow);
    }

    /**
     * The records of the rules whose counts changed since the last call, to store; an empty list when none did.
     */
    public List<RuleHitsRecord> changed(long at) {
        if (!anyDirty) {
            return List.of();
        }
        advance(at);
        List<RuleHitsRecord> result = new ArrayList<>();
        for (CompiledRule r : all) {
            int p = r.position;
            if (!dirty[p]) {
                continue;
            }
            dirty[p] = false;
            RuleStats s = stats(r);
            RuleHitsRecord rec = new RuleHitsRecord();
            rec.rule = r.name;
            rec.spec = r.specDigest;
            rec.since = since[p];
            rec.total = total[p];
            rec.dropped = dropped[p];
            rec.lastMatch = lastMatch[p];
            for (long m = minute - MINUTES + 1; m <= minute; m++) {
                int count = perMinute[p * MINUTES + (int) (m % MINUTES)];
                if (count > 0) {
                    rec.minutes.add(m);
                    rec.counts.add(count);
                }
            }
            if (s.shadow() != null) {
                rec.wouldDrop = wouldDrop[p];
                rec.wouldTicket = wouldTicket[p];
                rec.wouldSilence = wouldSilence[p];
                rec.wouldInhibit = wouldInhibit[p];
                rec.wouldNotify.putAll(s.shadow().wouldNotify());
                for (RuleStats.Match m : s.shadow().recent()) {
                    RuleHitsRecord.RecentMatch rm = new RuleHitsRecord.RecentMatch();
                    rm.time = m.time();
                    rm.labels.putAll(m.labels());
                    rec.recent.add(rm);
                }
            }
            result.add(rec);
        }
        anyDirty = false;
        return result;
    }
}
