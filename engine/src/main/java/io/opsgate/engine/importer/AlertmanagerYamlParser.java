package io.opsgate.engine.importer;

import io.opsgate.api.matcher.MatchType;
import io.opsgate.api.matcher.Matcher;
import io.opsgate.api.time.Durations;
import io.opsgate.api.v1alpha1.TimeWindow;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an {@code alertmanager.yml} with Alertmanager's own rules: unknown fields, bad matchers, regexes
 * and durations, a missing or matcher-carrying root route, duplicate receiver or time interval names, and
 * references to receivers or time intervals that do not exist are problems with their line and column.
 */
final class AlertmanagerYamlParser {
    private final Problems problems = new Problems();
    private final AmConfig config = new AmConfig();
    private final TimeIntervalReader intervals = new TimeIntervalReader(problems, config.findings);
    /** Where each used receiver and time interval name is written, to report undefined ones there. */
    private final List<YamlMap.Located> receiverRefs = new ArrayList<>();
    private final List<YamlMap.Located> intervalRefs = new ArrayList<>();

    private AlertmanagerYamlParser(Path baseDir) {
        config.baseDir = baseDir;
    }

    /**
     * Parses and checks a configuration.
     *
     * @param baseDir where relative {@code *_file} paths point, the configuration file's directory
     * @throws ImportFailure naming every problem Alertmanager would refuse the file for
     */
    static AmConfig parse(String text, Path baseDir) throws ImportFailure {
        return new AlertmanagerYamlParser(baseDir).read(YamlNode.parse(text));
    }

    private AmConfig read(YamlNode root) throws ImportFailure {
        YamlMap top = YamlMap.of(root, "the configuration", AlertmanagerFields.TOP, problems);
        global(top.map("global", "global", AlertmanagerFields.GLOBAL));
        timeIntervals(top, "mute_time_intervals", "mute time interval");
        timeIntervals(top, "time_intervals", "time interval");
        receivers(top);
        if (!top.has("route")) {
            problems.add(root.position(), "no routes provided");
        } else {
            YamlMap route = top.map("route", "route", AlertmanagerFields.ROUTE);
            config.route = route(route, "route");
            rootRoute(route, config.route);
        }
        for (YamlMap r : top.maps("inhibit_rules", "inhibit rule", AlertmanagerFields.INHIBIT_RULE)) {
            config.inhibitRules.add(inhibitRule(r));
        }
        List<String> templates = top.strings("templates");
        if (templates != null && !templates.isEmpty()) {
            config.findings.add(new Finding(top.at("templates"), "templates", "Go template files are not imported; "
                    + "opsgate channels render their own Mustache templates (spec.templates of a NotificationChannel)"));
        }
        for (String unsupported : List.of("tracing", "event_recorder")) {
            if (top.has(unsupported)) {
                config.findings.add(new Finding(top.at(unsupported), unsupported, "not imported: Alertmanager's own "
                        + "process setting, with no counterpart in opsgate's objects"));
            }
        }
        checkReferences();
        problems.throwIfAny();
        return config;
    }

    // ------------------------------------------------------------------ global

    private void global(YamlMap g) {
        if (g == null) {
            return;
        }
        for (String key : g.keys()) {
            YamlNode v = g.get(key);
            if (v.kind() == YamlNode.Kind.SCALAR) {
                config.global.put(key, v.text());
            }
        }
        duration(g, "resolve_timeout");
        g.bool("smtp_require_tls");
        g.bool("smtp_force_implicit_tls");
        httpConfig(g.map("http_config", "http_config", AlertmanagerFields.HTTP_CONFIG));
        g.map("smtp_tls_config", "tls_config", AlertmanagerFields.TLS_CONFIG);
        String smarthost = g.string("smtp_smarthost");
        if (smarthost != null && !smarthost.isEmpty()) {
            hostPort(smarthost, g.get("smtp_smarthost").position());
        }
        for (String key : List.of("slack_api_url", "pagerduty_url", "opsgenie_api_url", "wechat_api_url",
                "victorops_api_url", "telegram_api_url", "webex_api_url", "jira_api_url", "rocketchat_api_url",
                "mattermost_webhook_url")) {
            url(g, key);
        }
        for (String[] pair : new String[][]{{"slack_api_url", "slack_api_url_file"}, {"opsgenie_api_key",
                "opsgenie_api_key_file"}, {"victorops_api_key", "victorops_api_key_file"}, {"smtp_auth_password",
                "smtp_auth_password_file"}, {"smtp_auth_secret", "smtp_auth_secret_file"}}) {
            if (g.has(pair[0]) && g.has(pair[1])) {
                problems.add(g.at(pair[1]), "at most one of " + pair[0] + " & " + pair[1] + " must be configured");
            }
        }
        String resolve = config.global.get("resolve_timeout");
        if (resolve != null && !safeDuration(resolve).equals(Duration.ofMinutes(5))) {
            config.findings.add(new Finding(g.at("resolve_timeout"), "global.resolve_timeout", "not imported: opsgate "
                    + "resolves an alert without endsAt 5m after it was last received"));
        }
        if (g.has("http_config")) {
            config.findings.add(new Finding(g.at("http_config"), "global.http_config", "not imported: opsgate's notify "
                    + "workload makes its own connections (proxy, TLS and authentication settings do not carry over)"));
        }
    }

    private static Duration safeDuration(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            return Duration.ZERO;
        }
    }

    void httpConfig(YamlMap h) {
        if (h == null) {
            return;
        }
        h.map("tls_config", "tls_config", AlertmanagerFields.TLS_CONFIG);
        h.map("basic_auth", "basic_auth", AlertmanagerFields.BASIC_AUTH);
        h.map("authorization", "authorization", AlertmanagerFields.AUTHORIZATION);
        YamlMap oauth = h.map("oauth2", "oauth2", AlertmanagerFields.OAUTH2);
        if (oauth != null) {
            oauth.map("tls_config", "tls_config", AlertmanagerFields.TLS_CONFIG);
        }
        h.bool("follow_redirects");
        h.bool("enable_http2");
    }

    /** Checks a host:port as Go's net.SplitHostPort and Alertmanager do. */
    private void hostPort(String text, Position at) {
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                problems.add(at, "address " + text + ": missing port in address");
                return;
            }
            port = text.substring(close + 2);
        } else {
            int colons = (int) text.chars().filter(c -> c == ':').count();
            if (colons == 0) {
                problems.add(at, "address " + text + ": missing port in address");
                return;
            }
            if (colons > 1) {
                problems.add(at, "address " + text + ": too many colons in address");
                return;
            }
            port = text.substring(text.indexOf(':') + 1);
        }
        if (port.isEmpty()) {
            problems.add(at, "address \"" + text + "\": port cannot be empty");
        }
    }

    /** Checks an http(s) URL field as Alertmanager does; returns it or null. */
    String url(YamlMap m, String key) {
        String text = m.string(key);
        if (text == null) {
            return null;
        }
        try {
            URI u = new URI(text);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                problems.add(m.get(key).position(), "unsupported scheme \"" + u.getScheme() + "\" for URL");
                return null;
            }
            if (u.getHost() == null || u.getHost().isEmpty()) {
                problems.add(m.get(key).position(), "missing host for URL");
                return null;
            }
            return text;
        } catch (URISyntaxException e) {
            problems.add(m.get(key).position(), "invalid URL " + key + ": " + e.getReason());
            return null;
        }
    }

    /** Checks a duration field; returns it or null when absent or invalid. */
    private Duration duration(YamlMap m, String key) {
        String text = m.string(key);
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(m.get(key).position(), text.isEmpty() ? "empty duration string"
                    : "not a valid duration string: \"" + text + "\"");
            return null;
        }
    }

    // ------------------------------------------------------------------ time intervals

    private void timeIntervals(YamlMap top, String key, String what) {
        for (YamlMap ti : top.maps(key, what, AlertmanagerFields.TIME_INTERVAL)) {
            String name = ti.string("name");
            if (name == null || name.isEmpty()) {
                problems.add(ti.position(), "missing name in " + what);
                continue;
            }
            if (config.timeIntervals.containsKey(name)) {
                problems.add(ti.at("name"), what + " \"" + name + "\" is not unique");
                continue;
            }
            List<TimeWindow> windows = new ArrayList<>();
            for (YamlMap spec : ti.maps("time_intervals", "time interval", TimeIntervalReader.FIELDS)) {
                windows.add(intervals.read(spec, what + " \"" + name + "\""));
            }
            config.timeIntervals.put(name, windows);
        }
    }

    // ------------------------------------------------------------------ receivers

    private void receivers(YamlMap top) {
        for (YamlMap r : top.maps("receivers", "receiver", AlertmanagerFields.RECEIVER)) {
            AmConfig.Receiver receiver = new AmConfig.Receiver();
            receiver.name = r.string("name");
            receiver.position = r.position();
            if (receiver.name == null || receiver.name.isEmpty()) {
                problems.add(r.position(), "missing name in receiver");
                continue;
            }
            if (config.receivers.containsKey(receiver.name)) {
                problems.add(r.at("name"), "notification config name \"" + receiver.name + "\" is not unique");
                continue;
            }
            if (r.has("labels")) {
                config.findings.add(new Finding(r.at("labels"), "receiver \"" + receiver.name + "\" labels",
                        "not imported: receiver labels have no counterpart in opsgate"));
            }
            for (String kind : r.keys()) {
                Set<String> fields = AlertmanagerFields.INTEGRATIONS.get(kind);
                if (fields == null) {
                    continue;
                }
                List<YamlMap> configs = r.maps(kind, kind.substring(0, kind.length() - 1), fields);
                for (int i = 0; i < configs.size(); i++) {
                    AmConfig.Integration integration = new AmConfig.Integration(kind, i, configs.get(i));
                    integration(integration);
                    receiver.integrations.add(integration);
                }
            }
            config.receivers.put(receiver.name, receiver);
        }
    }

    /** What Alertmanager requires of the integrations opsgate maps; the others only have their fields checked. */
    private void integration(AmConfig.Integration in) {
        YamlMap f = in.fields();
        httpConfig(f.map("http_config", "http_config", AlertmanagerFields.HTTP_CONFIG));
        f.bool("send_resolved");
        switch (in.kind()) {
            case "email_configs" -> {
                f.map("tls_config", "tls_config", AlertmanagerFields.TLS_CONFIG);
                f.bool("require_tls");
                f.bool("force_implicit_tls");
                f.stringMap("headers");
                if (f.string("to") == null || f.string("to").isEmpty()) {
                    problems.add(f.position(), "missing to address in email config");
                }
                String smarthost = f.string("smarthost");
                if (smarthost == null || smarthost.isEmpty()) {
                    if (config.global.getOrDefault("smtp_smarthost", "").isEmpty()) {
                        problems.add(f.position(), "no global SMTP smarthost set");
                    }
                } else {
                    hostPort(smarthost, f.get("smarthost").position());
                }
                if ((f.string("from") == null || f.string("from").isEmpty())
                        && config.global.getOrDefault("smtp_from", "").isEmpty()) {
                    problems.add(f.position(), "no global SMTP from set");
                }
                exclusive(f, "auth_password", "auth_password_file");
            }
            case "slack_configs" -> {
                url(f, "api_url");
                exclusive(f, "api_url", "api_url_file");
                if (!f.has("api_url") && !f.has("api_url_file") && !f.has("app_token") && !f.has("app_token_file")
                        && !config.global.containsKey("slack_api_url") && !config.global.containsKey("slack_api_url_file")
                        && !config.global.containsKey("slack_app_token") && !config.global.containsKey("slack_app_token_file")) {
                    problems.add(f.position(), "no global Slack API URL set either inline or in a file");
                }
            }
            case "webhook_configs" -> {
                url(f, "url");
                exclusive(f, "url", "url_file");
                if (!f.has("url") && !f.has("url_file")) {
                    problems.add(f.position(), "one of url or url_file must be configured");
                }
                f.integer("max_alerts");
            }
            case "pagerduty_configs" -> {
                url(f, "url");
                exclusive(f, "routing_key", "routing_key_file");
                exclusive(f, "service_key", "service_key_file");
                if (!f.has("routing_key") && !f.has("routing_key_file") && !f.has("service_key")
                        && !f.has("service_key_file")) {
                    problems.add(f.position(), "missing service or routing key in PagerDuty config");
                }
            }
            case "msteams_configs", "msteamsv2_configs" -> {
                url(f, "webhook_url");
                exclusive(f, "webhook_url", "webhook_url_file");
                if (!f.has("webhook_url") && !f.has("webhook_url_file")) {
                    problems.add(f.position(), "one of webhook_url or webhook_url_file must be configured");
                }
            }
            default -> {
                // Not mapped by opsgate: its fields were checked, its use is reported by the translator.
            }
        }
    }

    private void exclusive(YamlMap f, String a, String b) {
        if (f.has(a) && f.has(b)) {
            problems.add(f.at(b), "at most one of " + a + " & " + b + " must be configured");
        }
    }

    // ------------------------------------------------------------------ routes

    private AmConfig.Route route(YamlMap m, String path) {
        AmConfig.Route r = new AmConfig.Route();
        r.position = m.position();
        r.path = path;
        r.receiver = m.string("receiver");
        if (r.receiver != null && !r.receiver.isEmpty()) {
            receiverRefs.add(new YamlMap.Located(r.receiver, m.get("receiver").position()));
        }
        groupBy(m, r);
        r.matchers.addAll(matchers(m, "match", "match_re", "matchers"));
        List<YamlNode> mute = m.stringItems("mute_time_intervals");
        if (mute != null) {
            mute.forEach(n -> {
                r.muteTimeIntervals.add(n.text());
                intervalRefs.add(new YamlMap.Located(n.text(), n.position()));
            });
        }
        List<YamlNode> active = m.stringItems("active_time_intervals");
        if (active != null) {
            active.forEach(n -> {
                r.activeTimeIntervals.add(n.text());
                intervalRefs.add(new YamlMap.Located(n.text(), n.position()));
            });
        }
        r.continueMatching = Boolean.TRUE.equals(m.bool("continue"));
        r.groupWait = duration(m, "group_wait");
        r.groupInterval = duration(m, "group_interval");
        r.repeatInterval = duration(m, "repeat_interval");
        if (r.groupInterval != null && r.groupInterval.isZero()) {
            problems.add(m.get("group_interval").position(), "group_interval cannot be zero");
        }
        if (r.repeatInterval != null && r.repeatInterval.isZero()) {
            problems.add(m.get("repeat_interval").position(), "repeat_interval cannot be zero");
        }
        if (m.has("labels")) {
            config.findings.add(new Finding(m.at("labels"), path + ".labels",
                    "not imported: opsgate rules do not add labels to the alerts they route"));
        }
        List<YamlMap> children = m.maps("routes", "route", AlertmanagerFields.ROUTE);
        for (int i = 0; i < children.size(); i++) {
            r.routes.add(route(children.get(i), path + ".routes[" + i + "]"));
        }
        return r;
    }

    private void groupBy(YamlMap m, AmConfig.Route r) {
        List<YamlNode> items = m.stringItems("group_by");
        if (items == null) {
            return;
        }
        List<String> labels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (YamlNode item : items) {
            String l = item.text();
            if (l.equals("...")) {
                r.groupByAll = true;
            } else if (!AmMatchers.isLabelName(l)) {
                problems.add(item.position(), "invalid label name \"" + l + "\" in group_by list");
            } else if (!seen.add(l)) {
                problems.add(item.position(), "duplicated label \"" + l + "\" in group_by");
            } else {
                labels.add(l);
            }
        }
        if (r.groupByAll && !labels.isEmpty()) {
            problems.add(m.at("group_by"), "cannot have wildcard group_by (`...`) and other other labels at the same time");
        }
        // As Alertmanager: an empty group_by list sets nothing, so the parent's grouping applies.
        r.groupBy = labels.isEmpty() ? null : labels;
    }

    /** The matchers of the legacy match and match_re maps and of a matchers list. */
    List<Matcher> matchers(YamlMap m, String matchKey, String matchReKey, String matchersKey) {
        List<Matcher> result = new ArrayList<>();
        Map<String, YamlMap.Located> match = m.stringMap(matchKey);
        if (match != null) {
            match.forEach((name, value) -> {
                if (!AmMatchers.isLabelName(name)) {
                    problems.add(value.position(), "invalid label name \"" + name + "\"");
                } else {
                    result.add(AmMatchers.of(name, MatchType.EQUAL, value.text()));
                }
            });
        }
        Map<String, YamlMap.Located> matchRe = m.stringMap(matchReKey);
        if (matchRe != null) {
            matchRe.forEach((name, value) -> {
                if (!AmMatchers.isLabelName(name)) {
                    problems.add(value.position(), "invalid label name \"" + name + "\"");
                    return;
                }
                try {
                    result.add(AmMatchers.of(name, MatchType.REGEX, value.text()));
                } catch (IllegalArgumentException e) {
                    problems.add(value.position(), "error parsing regexp of " + name + " in " + matchReKey + ": "
                            + e.getMessage());
                }
            });
        }
        List<YamlNode> lines = m.stringItems(matchersKey);
        if (lines != null) {
            for (YamlNode line : lines) {
                try {
                    result.addAll(AmMatchers.parseList(line.text()));
                } catch (IllegalArgumentException e) {
                    problems.add(line.position(), e.getMessage());
                }
            }
        }
        return result;
    }

    private void rootRoute(YamlMap m, AmConfig.Route root) {
        if (root.continueMatching) {
            problems.add(m.at("continue"), "cannot have continue in root route");
        }
        if (root.receiver == null || root.receiver.isEmpty()) {
            problems.add(m.position(), "root route must specify a default receiver");
        }
        if (!root.matchers.isEmpty() || m.has("match") || m.has("match_re") || m.has("matchers")) {
            String key = m.has("matchers") ? "matchers" : m.has("match") ? "match" : "match_re";
            problems.add(m.at(key), "root route must not have any matchers");
        }
        if (!root.muteTimeIntervals.isEmpty()) {
            problems.add(m.at("mute_time_intervals"), "root route must not have any mute time intervals");
        }
        if (!root.activeTimeIntervals.isEmpty()) {
            problems.add(m.at("active_time_intervals"), "root route must not have any active time intervals");
        }
    }

    // ------------------------------------------------------------------ inhibit rules

    private AmConfig.InhibitRule inhibitRule(YamlMap m) {
        AmConfig.InhibitRule r = new AmConfig.InhibitRule();
        r.position = m.position();
        r.name = m.string("name");
        r.source.addAll(matchers(m, "source_match", "source_match_re", "source_matchers"));
        r.target.addAll(matchers(m, "target_match", "target_match_re", "target_matchers"));
        List<YamlNode> equal = m.stringItems("equal");
        if (equal != null) {
            for (YamlNode n : equal) {
                if (!AmMatchers.isLabelName(n.text())) {
                    problems.add(n.position(), "\"" + n.text() + "\" is not a valid label name");
                } else {
                    r.equal.add(n.text());
                }
            }
        }
        return r;
    }

    // ------------------------------------------------------------------ references

    private void checkReferences() {
        for (YamlMap.Located ref : receiverRefs) {
            if (!config.receivers.containsKey(ref.text())) {
                problems.add(ref.position(), "undefined receiver \"" + ref.text() + "\" used in route");
            }
        }
        for (YamlMap.Located ref : intervalRefs) {
            if (!config.timeIntervals.containsKey(ref.text())) {
                problems.add(ref.position(), "undefined time interval \"" + ref.text() + "\" used in route");
            }
        }
    }
}
