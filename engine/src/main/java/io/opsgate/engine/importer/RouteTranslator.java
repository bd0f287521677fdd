package io.opsgate.engine.importer;

import io.opsgate.api.matcher.Matcher;
import io.opsgate.api.time.Durations;
import io.opsgate.api.v1alpha1.TimeWindow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The routing tree as AlertRules, one per route: a child route names its parent's rule in
 * {@code spec.parent}, so opsgate evaluates the same tree (see {@code RuleSet}). What Alertmanager inherits
 * down the tree (receiver, group_by, the three timers) is resolved here and written on every rule; mute and
 * active time intervals, which Alertmanager does not inherit, become the rule's notify time windows.
 */
final class RouteTranslator {
    /** The settings a route passes to its children, as Alertmanager's RouteOpts. */
    record Inherited(String receiver, List<String> groupBy, boolean groupByAll, Duration groupWait,
                     Duration groupInterval, Duration repeatInterval) {

        /** Alertmanager's defaults for the root route. */
        static Inherited defaults() {
            return new Inherited(null, List.of(), false, Duration.ofSeconds(30), Duration.ofMinutes(5),
                    Duration.ofHours(4));
        }

        Inherited with(AmConfig.Route r) {
            List<String> by = groupBy;
            boolean all = groupByAll;
            if (r.groupBy != null) {
                by = r.groupBy;
                all = false;
            } else if (r.groupByAll) {
                all = true;
            }
            return new Inherited(r.receiver != null && !r.receiver.isEmpty() ? r.receiver : receiver, by, all,
                    r.groupWait != null ? r.groupWait : groupWait,
                    r.groupInterval != null ? r.groupInterval : groupInterval,
                    r.repeatInterval != null ? r.repeatInterval : repeatInterval);
        }
    }

    private final AmConfig config;
    private final ImportOptions options;
    private final String source;
    private final Function<String, List<String>> channelsOf;
    private final List<Finding> findings;
    private final Names names = new Names();
    private final List<Manifest> rules = new ArrayList<>();

    /**
     * @param channelsOf the channels of a receiver by name, created on first use
     */
    RouteTranslator(AmConfig config, ImportOptions options, String source, Function<String, List<String>> channelsOf,
                    List<Finding> findings) {
        this.config = config;
        this.options = options;
        this.source = source;
        this.channelsOf = channelsOf;
        this.findings = findings;
    }

    /** The rules of the tree below and including {@code top}, parents before children. */
    List<Manifest> translate(AmConfig.Route top, Inherited base) {
        visit(top, base, null, "", options.order());
        return rules;
    }

    private void visit(AmConfig.Route r, Inherited inherited, String parent, String indexPath, int order) {
        Inherited opts = inherited.with(r);
        String name = names.unique(options.prefix() + "-" + (indexPath.isEmpty() ? "root" : indexPath) + "-"
                + Names.slug(opts.receiver()));
        Manifest m = Manifest.of("opsgate.io/v1alpha1", "AlertRule", name, options.namespace(), source)
                .annotate("opsgate.io/alertmanager-route", r.path)
                .annotate("opsgate.io/alertmanager-receiver", opts.receiver());
        m.comment(r.path + " (" + r.position + "), receiver \"" + opts.receiver() + "\"");
        Map<String, Object> spec = new LinkedHashMap<>();
        if (parent != null) {
            spec.put("parent", parent);
        }
        spec.put("order", order);
        if (!r.matchers.isEmpty()) {
            spec.put("matchers", r.matchers.stream().map(AmMatchers::format).toList());
        }
        if (r.continueMatching) {
            spec.put("continue", true);
        }
        List<String> channels = channelsOf.apply(opts.receiver());
        Map<String, Object> notify = new LinkedHashMap<>();
        notify.put("channels", channels);
        if (channels.isEmpty()) {
            m.comment("receiver \"" + opts.receiver() + "\" has no integration opsgate can send to: the rule takes "
                    + "its alerts and notifies no one, as the route does in Alertmanager");
        } else {
            notify.put("groupBy", opts.groupByAll() ? List.of("...") : opts.groupBy());
            notify.put("groupWait", Durations.format(opts.groupWait()));
            notify.put("groupInterval", Durations.format(opts.groupInterval()));
            notify.put("repeatInterval", Durations.format(opts.repeatInterval()));
            if (!windows(r.muteTimeIntervals).isEmpty()) {
                notify.put("muteTimeWindows", windows(r.muteTimeIntervals));
            }
            if (!r.activeTimeIntervals.isEmpty()) {
                List<Map<String, Object>> active = windows(r.activeTimeIntervals);
                if (active.isEmpty()) {
                    // Intervals without entries are never active: the route never notifies.
                    notify.put("channels", List.of());
                    notify.keySet().retainAll(List.of("channels"));
                    findings.add(new Finding(r.position, r.path + ".active_time_intervals", "the intervals have no "
                            + "entries, so they are never active: the rule takes its alerts and notifies no one"));
                } else {
                    notify.put("activeTimeWindows", active);
                }
            }
        }
        if (!r.muteTimeIntervals.isEmpty()) {
            m.comment("mute_time_intervals " + r.muteTimeIntervals + " as muteTimeWindows");
        }
        if (!r.activeTimeIntervals.isEmpty()) {
            m.comment("active_time_intervals " + r.activeTimeIntervals + " as activeTimeWindows");
        }
        spec.put("actions", Map.of("notify", notify));
        m.put("spec", spec);
        rules.add(m);
        for (int i = 0; i < r.routes.size(); i++) {
            String childPath = indexPath.isEmpty() ? String.valueOf(i + 1) : indexPath + "." + (i + 1);
            visit(r.routes.get(i), opts, name, childPath, (i + 1) * 10);
        }
    }

    /** The entries of the named intervals as one list of windows: any of them holding is enough, as in Alertmanager. */
    private List<Map<String, Object>> windows(List<String> intervalNames) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (String n : intervalNames) {
            for (TimeWindow w : config.timeIntervals.getOrDefault(n, List.of())) {
                result.add(window(w));
            }
        }
        return result;
    }

    static Map<String, Object> window(TimeWindow w) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!w.times.isEmpty()) {
            List<Map<String, Object>> times = new ArrayList<>();
            for (TimeWindow.TimeRange t : w.times) {
                Map<String, Object> range = new LinkedHashMap<>();
                range.put("startTime", t.startTime);
                range.put("endTime", t.endTime);
                times.add(range);
            }
            m.put("times", times);
        }
        putIfAny(m, "weekdays", w.weekdays);
        putIfAny(m, "daysOfMonth", w.daysOfMonth);
        putIfAny(m, "months", w.months);
        putIfAny(m, "years", w.years);
        if (w.timeZone != null) {
            m.put("timeZone", w.timeZone);
        }
        return m;
    }

    private static void putIfAny(Map<String, Object> m, String key, List<String> values) {
        if (!values.isEmpty()) {
            m.put(key, List.copyOf(values));
        }
    }

    /** The matchers as opsgate writes them. */
    static List<String> format(List<Matcher> matchers) {
        return matchers.stream().map(AmMatchers::format).toList();
    }
}
