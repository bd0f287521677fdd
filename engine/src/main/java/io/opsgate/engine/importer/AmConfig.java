package io.opsgate.engine.importer;

import io.opsgate.api.matcher.Matcher;
import io.opsgate.api.v1alpha1.TimeWindow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Alertmanager configuration as its parser accepted it: the routing tree, receivers with their
 * integrations, inhibit rules and named time intervals, each part with its position in the file. Plain
 * data filled by {@link AlertmanagerYamlParser} (or {@link AlertmanagerConfigResourceParser}) and read by
 * the translators.
 */
final class AmConfig {
    /** The directory that relative {@code *_file} paths are resolved against, as Alertmanager does. */
    Path baseDir;
    final Map<String, String> global = new LinkedHashMap<>();
    Route route;
    final Map<String, Receiver> receivers = new LinkedHashMap<>();
    final List<InhibitRule> inhibitRules = new ArrayList<>();
    final Map<String, List<TimeWindow>> timeIntervals = new LinkedHashMap<>();
    /** Parts of the file that have no place in opsgate. */
    final List<Finding> findings = new ArrayList<>();

    /** A node of the routing tree, with its own settings (inheritance is the translator's). */
    static final class Route {
        Position position = Position.UNKNOWN;
        /** Where it sits in the tree, e.g. {@code route.routes[1].routes[0]}. */
        String path;
        String receiver;
        /** group_by as written without "..."; null when not set, so the parent's applies. */
        List<String> groupBy;
        boolean groupByAll;
        final List<Matcher> matchers = new ArrayList<>();
        boolean continueMatching;
        Duration groupWait;
        Duration groupInterval;
        Duration repeatInterval;
        final List<String> muteTimeIntervals = new ArrayList<>();
        final List<String> activeTimeIntervals = new ArrayList<>();
        final List<Route> routes = new ArrayList<>();
    }

    /** A receiver and its integrations in the order written. */
    static final class Receiver {
        String name;
        Position position = Position.UNKNOWN;
        final List<Integration> integrations = new ArrayList<>();
    }

    /**
     * One integration of a receiver, e.g. the second entry of {@code slack_configs}, with its fields.
     *
     * @param kind   the list it is in, e.g. {@code slack_configs}
     * @param index  its index in that list
     * @param fields its fields, checked against the struct's known fields
     */
    record Integration(String kind, int index, YamlMap fields) {
        String label() {
            return kind + "[" + index + "]";
        }
    }

    /** An inhibit rule. */
    static final class InhibitRule {
        Position position = Position.UNKNOWN;
        String name;
        final List<Matcher> source = new ArrayList<>();
        final List<Matcher> target = new ArrayList<>();
        final List<String> equal = new ArrayList<>();
    }
}
