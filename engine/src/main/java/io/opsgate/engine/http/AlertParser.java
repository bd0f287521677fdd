package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonToken;
import io.opsgate.api.time.Timestamps;
import io.opsgate.api.v1alpha1.TenantLimits;
import io.opsgate.engine.alerting.Fingerprints;
import io.opsgate.engine.domain.IncomingAlert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses the alert payloads: Alertmanager API v2 postableAlerts, the Alertmanager webhook payload, and
 * generic events. Every check against the tenant's limits happens here, before anything reaches the
 * pipeline, so a refused request changes nothing.
 */
final class AlertParser {
    /** Go's zero time, which go-openapi clients (amtool) send for "not set". */
    private static final long GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();

    private final TenantLimits limits;

    AlertParser(TenantLimits limits) {
        this.limits = limits;
    }

    /** POST /api/v2/alerts: a JSON array of postableAlert. */
    List<IncomingAlert> postableAlerts(byte[] body) {
        try (JsonInput in = new JsonInput(body)) {
            in.next();
            in.expect(JsonToken.START_ARRAY, "", "a JSON array of alerts");
            List<IncomingAlert> result = new ArrayList<>();
            while (in.next() != JsonToken.END_ARRAY) {
                checkCount(result.size());
                result.add(alert(in, "[" + result.size() + "]", false));
            }
            in.expectEnd();
            return result;
        }
    }

    /** POST /api/v1/webhooks/alertmanager: Alertmanager's webhook payload (version 4). */
    List<IncomingAlert> webhook(byte[] body) {
        try (JsonInput in = new JsonInput(body)) {
            in.next();
            in.expect(JsonToken.START_OBJECT, "", "an Alertmanager webhook payload (an object)");
            List<IncomingAlert> result = null;
            String version = null;
            while (in.next() == JsonToken.FIELD_NAME) {
                String name = in.name();
                in.next();
                switch (name) {
                    case "version" -> version = in.current() == JsonToken.VALUE_STRING ? in.text() : null;
                    case "alerts" -> {
                        in.expect(JsonToken.START_ARRAY, "alerts", "an array");
                        result = new ArrayList<>();
                        while (in.next() != JsonToken.END_ARRAY) {
                            checkCount(result.size());
                            result.add(alert(in, "alerts[" + result.size() + "]", true));
                        }
                    }
                    default -> in.skip();
                }
            }
            in.expectEnd();
            if (version != null && !version.equals("4")) {
                throw ApiError.badRequest("version \"" + version + "\" is not supported; Alertmanager sends version 4")
                        .field("version");
            }
            if (result == null) {
                throw ApiError.badRequest("alerts is required").field("alerts");
            }
            return result;
        }
    }

    /** POST /api/v1/events: one event object or an array of them. */
    List<IncomingAlert> events(byte[] body) {
        try (JsonInput in = new JsonInput(body)) {
            JsonToken first = in.next();
            List<IncomingAlert> result = new ArrayList<>();
            if (first == JsonToken.START_ARRAY) {
                while (in.next() != JsonToken.END_ARRAY) {
                    checkCount(result.size());
                    result.add(event(in, "[" + result.size() + "]"));
                }
            } else {
                result.add(event(in, ""));
            }
            in.expectEnd();
            return result;
        }
    }

    private void checkCount(int sofar) {
        if (sofar >= limits.maxAlertsPerRequest) {
            throw ApiError.badRequest("more than " + limits.maxAlertsPerRequest + " alerts in one request")
                    .limit("maxAlertsPerRequest", limits.maxAlertsPerRequest);
        }
    }

    private IncomingAlert alert(JsonInput in, String path, boolean webhook) {
        in.expect(JsonToken.START_OBJECT, path, "an alert object");
        Map<String, String> labels = null;
        Map<String, String> annotations = new TreeMap<>();
        long startsAt = 0;
        long endsAt = 0;
        String generatorURL = "";
        boolean resolved = false;
        while (in.next() == JsonToken.FIELD_NAME) {
            String name = in.name();
            String field = path + "." + name;
            in.next();
            switch (name) {
                case "labels" -> labels = labels(in, field);
                case "annotations" -> annotations = in.stringMap(field, 0, null, limits.maxLabelLength, "maxLabelLength");
                case "startsAt" -> startsAt = time(in.string(field), field);
                case "endsAt" -> endsAt = time(in.string(field), field);
                case "generatorURL" -> generatorURL = orEmpty(in.string(field));
                case "status" -> {
                    String s = in.string(field);
                    if (webhook && s != null && !s.equals("firing") && !s.equals("resolved")) {
                        throw ApiError.badRequest(field + " must be firing or resolved").field(field);
                    }
                    resolved = "resolved".equals(s);
                }
                default -> in.skip();
            }
        }
        return build(labels, annotations, startsAt, endsAt, generatorURL, resolved && webhook, path, null);
    }

    private IncomingAlert build(Map<String, String> labels, Map<String, String> annotations, long startsAt, long endsAt,
                                String generatorURL, boolean resolveNow, String path, String dedupKey) {
        if (labels == null || labels.isEmpty()) {
            throw ApiError.badRequest(path(path, "labels") + " must have at least one label").field(path(path, "labels"));
        }
        if (startsAt != 0 && endsAt != 0 && endsAt < startsAt) {
            throw ApiError.badRequest(path(path, "endsAt") + " is before startsAt").field(path(path, "endsAt"));
        }
        String fp = dedupKey == null ? Fingerprints.hex(labels) : Fingerprints.hex(Map.of("__dedup_key__", dedupKey));
        return new IncomingAlert(fp, labels, annotations, startsAt, endsAt, generatorURL, resolveNow);
    }

    private Map<String, String> labels(JsonInput in, String field) {
        Map<String, String> labels = in.stringMap(field, limits.maxLabelsPerAlert, "maxLabelsPerAlert",
                limits.maxLabelLength, "maxLabelLength");
        // As Alertmanager: a label with an empty value is the same as no label.
        labels.values().removeIf(String::isEmpty);
        for (String name : labels.keySet()) {
            if (!validLabelName(name)) {
                throw ApiError.badRequest("label name \"" + name + "\" is invalid: use letters, digits and _, "
                        + "not starting with a digit").field(field + "." + name);
            }
        }
        return labels;
    }

    static boolean validLabelName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private IncomingAlert event(JsonInput in, String path) {
        in.expect(JsonToken.START_OBJECT, path, "an event object");
        Map<String, String> labels = new TreeMap<>();
        String source = null;
        String severity = null;
        String summary = null;
        String host = null;
        String dedupKey = null;
        String action = "trigger";
        long time = 0;
        while (in.next() == JsonToken.FIELD_NAME) {
            String name = in.name();
            String field = path(path, name);
            in.next();
            switch (name) {
                case "source" -> source = limited(in.string(field), field);
                case "severity" -> severity = limited(in.string(field), field);
                case "summary" -> summary = limited(in.string(field), field);
                case "host" -> host = limited(in.string(field), field);
                case "dedupKey" -> dedupKey = limited(in.string(field), field);
                case "action" -> action = in.string(field);
                case "timestamp" -> time = time(in.string(field), field);
                case "labels" -> labels = labels(in, field);
                default -> in.skip();
            }
        }
        if (!"trigger".equals(action) && !"resolve".equals(action)) {
            throw ApiError.badRequest(path(path, "action") + " must be trigger or resolve").field(path(path, "action"));
        }
        if (summary == null && !labels.containsKey("alertname")) {
            throw ApiError.badRequest(path(path, "summary") + " is required (or labels.alertname)").field(path(path, "summary"));
        }
        Map<String, String> all = new TreeMap<>(labels);
        putIfAbsent(all, "alertname", summary);
        putIfAbsent(all, "severity", severity);
        putIfAbsent(all, "source", source);
        putIfAbsent(all, "instance", host);
        if (all.size() > limits.maxLabelsPerAlert) {
            throw ApiError.badRequest(path(path, "labels") + " has more than " + limits.maxLabelsPerAlert + " labels")
                    .field(path(path, "labels")).limit("maxLabelsPerAlert", limits.maxLabelsPerAlert);
        }
        Map<String, String> annotations = new TreeMap<>();
        if (summary != null) {
            annotations.put("summary", summary);
        }
        boolean resolve = "resolve".equals(action);
        return build(all, annotations, resolve ? 0 : time, resolve ? time : 0, "", resolve, path,
                dedupKey == null || dedupKey.isEmpty() ? null : dedupKey);
    }

    private String limited(String value, String field) {
        if (value != null && value.length() > limits.maxLabelLength) {
            throw ApiError.badRequest(field + " is longer than " + limits.maxLabelLength + " characters")
                    .field(field).limit("maxLabelLength", limits.maxLabelLength);
        }
        return value;
    }

    private static void putIfAbsent(Map<String, String> labels, String name, String value) {
        if (value != null && !value.isEmpty()) {
            labels.putIfAbsent(name, value);
        }
    }

    private static String path(String base, String name) {
        return base.isEmpty() ? name : base + "." + name;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** An RFC 3339 time in epoch milliseconds; absent, empty or Go's zero time give 0. */
    static long time(String text, String field) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            long ms = Timestamps.parse(text).toEpochMilli();
            return ms <= GO_ZERO_TIME ? 0 : ms;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ApiError.badRequest(field + ": \"" + text + "\" is not an RFC 3339 time such as 2026-11-25T10:00:00Z")
                    .field(field);
        }
    }
}
