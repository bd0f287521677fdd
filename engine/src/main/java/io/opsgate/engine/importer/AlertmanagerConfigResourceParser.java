package io.opsgate.engine.importer;

import io.opsgate.api.matcher.MatchType;
import io.opsgate.api.matcher.Matcher;
import io.opsgate.api.time.Durations;
import io.opsgate.api.v1alpha1.TimeWindow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Prometheus Operator {@code AlertmanagerConfig} ({@code monitoring.coreos.com/v1alpha1}) into the
 * same form as an {@code alertmanager.yml}, as the operator itself merges it into Alertmanager's
 * configuration: the resource's route sits below the main route with {@code continue: true} and, by
 * default, a {@code namespace="<its namespace>"} matcher, which its inhibit rules get on both sides too.
 * Credentials are Secret references; Secrets in the same text are read, others are reported.
 */
final class AlertmanagerConfigResourceParser {
    static final String API_VERSION = "monitoring.coreos.com/v1alpha1";

    private static final Set<String> RESOURCE = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final Set<String> SPEC = Set.of("route", "receivers", "inhibitRules", "muteTimeIntervals");
    private static final Set<String> ROUTE = Set.of("receiver", "groupBy", "groupWait", "groupInterval",
            "repeatInterval", "matchers", "continue", "routes", "muteTimeIntervals", "activeTimeIntervals");
    private static final Set<String> MATCHER = Set.of("name", "value", "matchType", "regex");
    private static final Set<String> INHIBIT = Set.of("targetMatch", "sourceMatch", "equal");
    private static final Set<String> TIME_INTERVAL = Set.of("name", "timeIntervals");
    private static final Set<String> TIME_SPEC = Set.of("times", "weekdays", "daysOfMonth", "months", "years");
    private static final Set<String> TIME_RANGE = Set.of("startTime", "endTime");
    private static final Set<String> DAY_RANGE = Set.of("start", "end");
    private static final Set<String> SECRET_KEY = Set.of("name", "key", "optional");

    /** The receiver lists of the resource, their Alertmanager names, and their fields. */
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("emailConfigs", "email_configs"), Map.entry("slackConfigs", "slack_configs"),
            Map.entry("webhookConfigs", "webhook_configs"), Map.entry("pagerdutyConfigs", "pagerduty_configs"),
            Map.entry("msteamsConfigs", "msteams_configs"), Map.entry("msteamsv2Configs", "msteamsv2_configs"),
            Map.entry("opsgenieConfigs", "opsgenie_configs"), Map.entry("victoropsConfigs", "victorops_configs"),
            Map.entry("pushoverConfigs", "pushover_configs"), Map.entry("snsConfigs", "sns_configs"),
            Map.entry("telegramConfigs", "telegram_configs"), Map.entry("wechatConfigs", "wechat_configs"),
            Map.entry("webexConfigs", "webex_configs"), Map.entry("discordConfigs", "discord_configs"),
            Map.entry("rocketchatConfigs", "rocketchat_configs"));
    private static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            fields("emailConfigs", "to", "from", "hello", "smarthost", "authUsername", "authPassword", "authSecret",
                    "authIdentity", "headers", "html", "text", "requireTLS", "tlsConfig", "forceImplicitTLS", "threading"),
            fields("slackConfigs", "apiURL", "channel", "username", "color", "title", "titleLink", "pretext", "text",
                    "fields", "shortFields", "footer", "fallback", "callbackId", "iconEmoji", "iconURL", "imageURL",
                    "thumbURL", "linkNames", "mrkdwnIn", "actions", "httpConfig", "timeout", "messageText",
                    "updateMessage"),
            fields("webhookConfigs", "url", "urlSecret", "httpConfig", "maxAlerts", "timeout", "payload"),
            fields("pagerdutyConfigs", "routingKey", "serviceKey", "url", "client", "clientURL", "description",
                    "severity", "class", "group", "component", "details", "pagerDutyImageConfigs",
                    "pagerDutyLinkConfigs", "httpConfig", "source", "timeout"),
            fields("msteamsConfigs", "webhookUrl", "title", "summary", "text", "httpConfig"),
            fields("msteamsv2Configs", "webhookURL", "title", "text", "httpConfig"),
            fields("opsgenieConfigs", "apiKey", "apiURL", "message", "description", "source", "tags", "note",
                    "priority", "updateAlerts", "details", "responders", "httpConfig", "entity", "actions"),
            fields("victoropsConfigs", "apiKey", "apiUrl", "routingKey", "messageType", "entityDisplayName",
                    "stateMessage", "monitoringTool", "customFields", "httpConfig"),
            fields("pushoverConfigs", "userKey", "userKeyFile", "token", "tokenFile", "title", "message", "url",
                    "urlTitle", "ttl", "device", "sound", "priority", "retry", "expire", "html", "monospace",
                    "httpConfig"),
            fields("snsConfigs", "apiURL", "sigv4", "topicARN", "subject", "phoneNumber", "targetARN", "message",
                    "attributes", "httpConfig", "useAWSHTTPClient"),
            fields("telegramConfigs", "apiURL", "botToken", "botTokenFile", "chatID", "messageThreadID", "message",
                    "disableNotifications", "parseMode", "httpConfig"),
            fields("wechatConfigs", "apiSecret", "apiURL", "corpID", "agentID", "toUser", "toParty", "toTag",
                    "message", "messageType", "httpConfig"),
            fields("webexConfigs", "apiURL", "httpConfig", "message", "roomID"),
            fields("discordConfigs", "apiURL", "title", "message", "content", "username", "avatarURL", "httpConfig"),
            fields("rocketchatConfigs", "apiURL", "channel", "token", "tokenID", "color", "emoji", "iconURL", "text",
                    "title", "titleLink", "fields", "shortFields", "imageURL", "thumbURL", "linkNames", "actions",
                    "httpConfig"));
    /** Fields of the mapped integrations that carry over, under their Alertmanager names. */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("to", "to"), Map.entry("from", "from"), Map.entry("smarthost", "smarthost"),
            Map.entry("authUsername", "auth_username"), Map.entry("authPassword", "auth_password"),
            Map.entry("requireTLS", "require_tls"), Map.entry("forceImplicitTLS", "force_implicit_tls"),
            Map.entry("apiURL", "api_url"), Map.entry("channel", "channel"), Map.entry("username", "username"),
            Map.entry("url", "url"), Map.entry("urlSecret", "urlSecret"), Map.entry("routingKey", "routing_key"),
            Map.entry("serviceKey", "service_key"), Map.entry("webhookUrl", "webhook_url"),
            Map.entry("webhookURL", "webhook_url"), Map.entry("sendResolved", "send_resolved"));
    private static final Set<String> SECRET_FIELDS = Set.of("authPassword", "apiURL", "urlSecret", "routingKey",
            "serviceKey", "webhookUrl", "webhookURL");

    private final Problems problems = new Problems();
    private final AmConfig config = new AmConfig();
    private final TimeIntervalReader intervals = new TimeIntervalReader(problems, config.findings);
    private final Map<String, Map<String, String>> secrets = new HashMap<>();
    private String namespace;

    private AlertmanagerConfigResourceParser() {
    }

    /**
     * Parses the AlertmanagerConfig of a text (with any Secrets it references in the same text).
     *
     * @throws ImportFailure when the resource is invalid, naming where
     */
    static AmConfig parse(String text, NamespaceMatching matching) throws ImportFailure {
        return new AlertmanagerConfigResourceParser().read(YamlNode.parseAll(text), matching);
    }

    private AmConfig read(List<YamlNode> docs, NamespaceMatching matching) throws ImportFailure {
        YamlNode resource = null;
        for (YamlNode doc : docs) {
            if (doc.kind() != YamlNode.Kind.MAPPING) {
                continue;
            }
            YamlNode kind = doc.entries().containsKey("kind") ? doc.entries().get("kind").value() : null;
            String k = kind == null ? "" : kind.text();
            if ("Secret".equals(k)) {
                secret(doc);
            } else if ("AlertmanagerConfig".equals(k)) {
                if (resource != null) {
                    throw new ImportFailure(doc.position(), "more than one AlertmanagerConfig; import them one by one");
                }
                resource = doc;
            }
        }
        if (resource == null) {
            throw new ImportFailure(new Position(1, 1), "no AlertmanagerConfig (" + API_VERSION + ") in the input");
        }
        YamlMap r = YamlMap.of(resource, "AlertmanagerConfig", RESOURCE, problems);
        if (!API_VERSION.equals(r.string("apiVersion"))) {
            problems.add(r.at("apiVersion"), "apiVersion must be " + API_VERSION);
        }
        YamlMap meta = YamlMap.of(r.get("metadata"), "metadata", Set.of("name", "namespace", "labels", "annotations",
                "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields"), problems);
        namespace = meta.string("namespace");
        if (matching == NamespaceMatching.OnNamespace && (namespace == null || namespace.isEmpty())) {
            problems.add(meta.position(), "metadata.namespace is required: the Prometheus Operator scopes the "
                    + "resource's routes to alerts of its namespace");
        }
        YamlMap spec = r.map("spec", "spec", SPEC);
        if (spec == null) {
            problems.add(r.position(), "spec is required");
            problems.throwIfAny();
        }
        for (YamlMap ti : spec.maps("muteTimeIntervals", "mute time interval", TIME_INTERVAL)) {
            timeInterval(ti);
        }
        for (YamlMap rc : spec.maps("receivers", "receiver", receiverFields())) {
            receiver(rc);
        }
        YamlMap route = spec.map("route", "route", ROUTE);
        if (route == null) {
            problems.add(spec.position(), "spec.route is required to route anything");
        } else {
            config.route = route(route, "spec.route", true);
            if (matching == NamespaceMatching.OnNamespace && namespace != null) {
                config.route.matchers.add(Matcher.of("namespace", MatchType.EQUAL, namespace));
            }
            // As the Prometheus Operator: the resource's top route continues to the routes after it.
            config.route.continueMatching = true;
            if (config.route.groupBy == null && !config.route.groupByAll || config.route.groupWait == null
                    || config.route.groupInterval == null || config.route.repeatInterval == null) {
                config.findings.add(new Finding(route.position(), "spec.route", "what the route does not set "
                        + "(groupBy, groupWait, groupInterval, repeatInterval) it inherits from the Alertmanager's main "
                        + "route, which is not part of this import: Alertmanager's defaults are written "
                        + "(no grouping, 30s, 5m, 4h)"));
            }
        }
        for (YamlMap ir : spec.maps("inhibitRules", "inhibit rule", INHIBIT)) {
            inhibitRule(ir, matching);
        }
        problems.throwIfAny();
        return config;
    }

    private static Map.Entry<String, Set<String>> fields(String kind, String... names) {
        Set<String> all = new HashSet<>(Set.of(names));
        all.add("sendResolved");
        return Map.entry(kind, Set.copyOf(all));
    }

    private static Set<String> receiverFields() {
        Set<String> f = new HashSet<>(KINDS.keySet());
        f.add("name");
        return f;
    }

    private void secret(YamlNode doc) {
        YamlMap s = YamlMap.unchecked(doc, "Secret", problems);
        YamlMap meta = YamlMap.unchecked(s.get("metadata"), "metadata", problems);
        String name = meta.string("name");
        if (name == null) {
            return;
        }
        Map<String, String> values = new HashMap<>();
        Map<String, YamlMap.Located> data = s.stringMap("data");
        if (data != null) {
            data.forEach((k, v) -> {
                try {
                    values.put(k, new String(Base64.getMimeDecoder().decode(v.text()), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    problems.add(v.position(), "data." + k + " of Secret " + name + " is not base64");
                }
            });
        }
        Map<String, YamlMap.Located> stringData = s.stringMap("stringData");
        if (stringData != null) {
            stringData.forEach((k, v) -> values.put(k, v.text()));
        }
        secrets.put(name, values);
    }

    private void timeInterval(YamlMap ti) {
        String name = ti.string("name");
        if (name == null || name.isEmpty()) {
            problems.add(ti.position(), "missing name in mute time interval");
            return;
        }
        if (config.timeIntervals.containsKey(name)) {
            problems.add(ti.at("name"), "mute time interval \"" + name + "\" is not unique");
            return;
        }
        List<TimeWindow> windows = new ArrayList<>();
        for (YamlMap spec : ti.maps("timeIntervals", "time interval", TIME_SPEC)) {
            TimeWindow w = new TimeWindow();
            for (YamlMap t : spec.maps("times", "time range", TIME_RANGE)) {
                TimeWindow.TimeRange r = intervals.times(t.string("startTime"), t.string("endTime"), t.position());
                if (r != null) {
                    w.times.add(r);
                }
            }
            List<YamlNode> weekdays = spec.stringItems("weekdays");
            if (weekdays != null) {
                weekdays.forEach(n -> intervals.weekdays(n.text(), n.position(), w));
            }
            for (YamlMap d : spec.maps("daysOfMonth", "day of month range", DAY_RANGE)) {
                Integer start = d.integer("start");
                Integer end = d.integer("end");
                if (start != null && end != null) {
                    intervals.daysOfMonth(start, end, d.position(), w);
                }
            }
            List<YamlNode> months = spec.stringItems("months");
            if (months != null) {
                months.forEach(n -> intervals.months(n.text(), n.position(), w));
            }
            List<YamlNode> years = spec.stringItems("years");
            if (years != null) {
                years.forEach(n -> intervals.years(n.text(), n.position(), w));
            }
            windows.add(w);
        }
        config.timeIntervals.put(name, windows);
    }

    private void receiver(YamlMap rc) {
        AmConfig.Receiver receiver = new AmConfig.Receiver();
        receiver.name = rc.string("name");
        receiver.position = rc.position();
        if (receiver.name == null || receiver.name.isEmpty()) {
            problems.add(rc.position(), "missing name in receiver");
            return;
        }
        if (config.receivers.containsKey(receiver.name)) {
            problems.add(rc.at("name"), "\"" + receiver.name + "\" receiver is not unique");
            return;
        }
        for (String kind : rc.keys()) {
            if (!KINDS.containsKey(kind)) {
                continue;
            }
            List<YamlMap> configs = rc.maps(kind, kind, FIELDS.get(kind));
            for (int i = 0; i < configs.size(); i++) {
                YamlMap f = configs.get(i);
                receiver.integrations.add(new AmConfig.Integration(KINDS.get(kind), i,
                        YamlMap.unchecked(alertmanagerForm(f, "receiver \"" + receiver.name + "\" " + kind + "[" + i + "]"),
                                kind, problems)));
                required(kind, f);
            }
        }
        config.receivers.put(receiver.name, receiver);
    }

    private void required(String kind, YamlMap f) {
        switch (kind) {
            case "emailConfigs" -> {
                if (!f.has("to")) {
                    problems.add(f.position(), "missing 'to' address");
                }
            }
            case "webhookConfigs" -> {
                if (!f.has("url") && !f.has("urlSecret")) {
                    problems.add(f.position(), "one of 'url' or 'urlSecret' must be specified");
                }
            }
            case "pagerdutyConfigs" -> {
                if (!f.has("routingKey") && !f.has("serviceKey")) {
                    problems.add(f.position(), "one of 'routingKey' or 'serviceKey' is required");
                }
            }
            case "slackConfigs" -> {
                if (!f.has("apiURL")) {
                    problems.add(f.position(), "apiURL is required: the Alertmanager's global Slack URL is not part "
                            + "of this import");
                }
            }
            case "msteamsConfigs", "msteamsv2Configs" -> {
                if (!f.has("webhookUrl") && !f.has("webhookURL")) {
                    problems.add(f.position(), "webhookUrl is required");
                }
            }
            default -> {
            }
        }
    }

    /** The integration with its mapped fields renamed as in alertmanager.yml and Secret references resolved. */
    private YamlNode alertmanagerForm(YamlMap f, String subject) {
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (String key : f.keys()) {
            YamlNode v = f.get(key);
            String name = RENAMED.getOrDefault(key, key);
            if (SECRET_FIELDS.contains(key)) {
                out.put(name, YamlNode.scalar(secretValue(YamlMap.of(v, key, SECRET_KEY, problems), subject + "." + key),
                        v.position()));
            } else {
                out.put(name, v);
            }
        }
        return YamlNode.mapping(out, f.position());
    }

    private String secretValue(YamlMap ref, String subject) {
        String name = ref.string("name");
        String key = ref.string("key");
        if (name == null || key == null) {
            problems.add(ref.position(), "a Secret reference needs name and key");
            return "";
        }
        Map<String, String> values = secrets.get(name);
        if (values == null || !values.containsKey(key)) {
            config.findings.add(new Finding(ref.position(), subject, "Secret " + name + " (key " + key + ") is not in "
                    + "this input: the imported Secret's key is left empty; copy the value in before applying"));
            return "";
        }
        return values.get(key).strip();
    }

    private AmConfig.Route route(YamlMap m, String path, boolean top) {
        AmConfig.Route r = new AmConfig.Route();
        r.position = m.position();
        r.path = path;
        r.receiver = m.string("receiver");
        if (r.receiver == null || r.receiver.isEmpty()) {
            if (top) {
                problems.add(m.position(), "root route must define a receiver");
            }
        } else if (!config.receivers.containsKey(r.receiver)) {
            problems.add(m.get("receiver").position(), "receiver \"" + r.receiver + "\" not found");
        }
        List<YamlNode> groupBy = m.stringItems("groupBy");
        if (groupBy != null) {
            Set<String> seen = new HashSet<>();
            List<String> labels = new ArrayList<>();
            for (YamlNode n : groupBy) {
                if (!seen.add(n.text())) {
                    problems.add(n.position(), "duplicate values not permitted in route 'groupBy'");
                } else if (n.text().equals("...")) {
                    r.groupByAll = true;
                } else if (!AmMatchers.isLabelName(n.text())) {
                    problems.add(n.position(), "invalid label name \"" + n.text() + "\" in group_by list");
                } else {
                    labels.add(n.text());
                }
            }
            if (r.groupByAll && !labels.isEmpty()) {
                problems.add(m.at("groupBy"), "'...' must be a sole value in route 'groupBy'");
            }
            r.groupBy = labels.isEmpty() ? null : labels;
        }
        r.groupWait = duration(m, "groupWait");
        r.groupInterval = duration(m, "groupInterval");
        r.repeatInterval = duration(m, "repeatInterval");
        for (YamlMap mm : m.maps("matchers", "matcher", MATCHER)) {
            Matcher matcher = matcher(mm);
            if (matcher != null) {
                r.matchers.add(matcher);
            }
        }
        r.continueMatching = Boolean.TRUE.equals(m.bool("continue"));
        intervalNames(m, "muteTimeIntervals", r.muteTimeIntervals);
        intervalNames(m, "activeTimeIntervals", r.activeTimeIntervals);
        List<YamlMap> children = m.maps("routes", "route", ROUTE);
        for (int i = 0; i < children.size(); i++) {
            r.routes.add(route(children.get(i), path + ".routes[" + i + "]", false));
        }
        return r;
    }

    private void intervalNames(YamlMap m, String key, List<String> into) {
        List<YamlNode> names = m.stringItems(key);
        if (names == null) {
            return;
        }
        for (YamlNode n : names) {
            if (!config.timeIntervals.containsKey(n.text())) {
                problems.add(n.position(), "time interval \"" + n.text() + "\" not found");
            }
            into.add(n.text());
        }
    }

    private Duration duration(YamlMap m, String key) {
        String text = m.string(key);
        if (text == null) {
            return null;
        }
        try {
            Duration d = Durations.parse(text);
            if (d.isZero() && !key.equals("groupWait")) {
                problems.add(m.get(key).position(), key + " cannot be zero");
            }
            return d;
        } catch (IllegalArgumentException e) {
            problems.add(m.get(key).position(), "not a valid duration string: \"" + text + "\"");
            return null;
        }
    }

    private Matcher matcher(YamlMap m) {
        String name = m.string("name");
        String value = m.string("value");
        String type = m.string("matchType");
        if (name == null || name.isEmpty()) {
            problems.add(m.position(), "matcher name is required");
            return null;
        }
        MatchType t;
        if (type == null || type.isEmpty()) {
            t = Boolean.TRUE.equals(m.bool("regex")) ? MatchType.REGEX : MatchType.EQUAL;
        } else {
            t = switch (type) {
                case "=" -> MatchType.EQUAL;
                case "!=" -> MatchType.NOT_EQUAL;
                case "=~" -> MatchType.REGEX;
                case "!~" -> MatchType.NOT_REGEX;
                default -> null;
            };
            if (t == null) {
                problems.add(m.at("matchType"), "matchType \"" + type + "\" is not one of =, !=, =~, !~");
                return null;
            }
        }
        try {
            return Matcher.of(name, t, value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            problems.add(m.at("value"), e.getMessage());
            return null;
        }
    }

    private void inhibitRule(YamlMap m, NamespaceMatching matching) {
        AmConfig.InhibitRule r = new AmConfig.InhibitRule();
        r.position = m.position();
        for (YamlMap mm : m.maps("sourceMatch", "matcher", MATCHER)) {
            Matcher x = matcher(mm);
            if (x != null) {
                r.source.add(x);
            }
        }
        for (YamlMap mm : m.maps("targetMatch", "matcher", MATCHER)) {
            Matcher x = matcher(mm);
            if (x != null) {
                r.target.add(x);
            }
        }
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
        if (matching == NamespaceMatching.OnNamespace && namespace != null) {
            Matcher ns = Matcher.of("namespace", MatchType.EQUAL, namespace);
            if (!r.source.contains(ns)) {
                r.source.add(ns);
            }
            if (!r.target.contains(ns)) {
                r.target.add(ns);
            }
        }
        config.inhibitRules.add(r);
    }
}
