package io.opsgate.engine.notify.templates;

import io.opsgate.engine.domain.OutboxAlert;
import io.opsgate.engine.notify.Notification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The variables a template sees, as plain maps and lists (the only things {@link SafeMustache} resolves):
 * title, status, statusUpper, firing, resolved, severity, priority, tenant, tenantName, rule, type,
 * escalation, level, repeat, ticketId, ticketUrl, count, firingCount, resolvedCount, groupKey, createdAt,
 * labels (map), labelList ([{name, value, last}]), and alerts, each with fingerprint, status, summary,
 * labels, labelList, annotations, annotationList, startsAt, endsAt, generatorURL.
 */
public final class TemplateScope {
    private TemplateScope() {
    }

    public static Map<String, Object> of(Notification n) {
        Map<String, Object> s = new HashMap<>();
        var e = n.entry();
        String status = e.status == null ? "firing" : e.status;
        s.put("title", n.title());
        s.put("status", status);
        s.put("statusUpper", status.toUpperCase(Locale.ROOT));
        s.put("firing", !n.resolved());
        s.put("resolved", n.resolved());
        s.put("severity", n.severity());
        s.put("priority", e.priority == null ? "" : e.priority);
        s.put("tenant", n.tenant());
        s.put("tenantName", n.tenantName());
        s.put("rule", e.rule);
        s.put("type", e.type);
        s.put("escalation", "escalation".equals(e.type));
        if (e.level != null) {
            s.put("level", e.level);
        }
        s.put("repeat", e.repeat);
        if (e.ticketId != null) {
            s.put("ticketId", e.ticketId);
        }
        if (n.ticketUrl() != null) {
            s.put("ticketUrl", n.ticketUrl());
        }
        int firing = 0;
        List<Map<String, Object>> alerts = new ArrayList<>(e.alerts.size());
        for (OutboxAlert a : e.alerts) {
            if ("firing".equals(a.status())) {
                firing++;
            }
            alerts.add(alert(a));
        }
        s.put("count", e.alerts.size());
        s.put("firingCount", firing);
        s.put("resolvedCount", e.alerts.size() - firing);
        s.put("alerts", alerts);
        s.put("labels", new TreeMap<>(e.groupLabels));
        s.put("labelList", list(e.groupLabels));
        s.put("groupKey", e.groupKey);
        s.put("createdAt", e.createdAt);
        return s;
    }

    private static Map<String, Object> alert(OutboxAlert a) {
        Map<String, String> labels = a.labels() == null ? Map.of() : a.labels();
        Map<String, String> annotations = a.annotations() == null ? Map.of() : a.annotations();
        Map<String, Object> m = new HashMap<>();
        m.put("fingerprint", a.fingerprint());
        m.put("status", a.status());
        String summary = annotations.get("summary");
        if (summary == null || summary.isBlank()) {
            summary = labels.getOrDefault("alertname", a.fingerprint());
        }
        m.put("summary", summary);
        m.put("labels", new TreeMap<>(labels));
        m.put("labelList", list(labels));
        m.put("annotations", new TreeMap<>(annotations));
        m.put("annotationList", list(annotations));
        m.put("startsAt", a.startsAt());
        if (a.endsAt() != null) {
            m.put("endsAt", a.endsAt());
        }
        if (a.generatorURL() != null && !a.generatorURL().isEmpty()) {
            m.put("generatorURL", a.generatorURL());
        }
        return m;
    }

    private static List<Map<String, Object>> list(Map<String, String> map) {
        List<Map<String, Object>> result = new ArrayList<>(map.size());
        int i = 0;
        for (Map.Entry<String, String> kv : new TreeMap<>(map).entrySet()) {
            Map<String, Object> item = new HashMap<>();
            item.put("name", kv.getKey());
            item.put("value", kv.getValue());
            item.put("last", ++i == map.size());
            result.add(item);
        }
        return result;
    }
}
