package io.opsgate.engine.sources;

import io.opsgate.api.text.LabelTemplates;
import io.opsgate.api.v1alpha1.AlertSourceSpec;
import io.opsgate.engine.alerting.Fingerprints;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every AlertSource adds to what it extracted: its static labels, its name, the mapped severity, the
 * alertname from its template, and the identity (dedup key or label fingerprint) of the alert.
 */
final class AlertTemplate {
    /** Label naming the AlertSource an alert came through, so rules can match on it. */
    static final String SOURCE_LABEL = "alertsource";

    private final String source;
    private final String alertname;
    private final Map<String, String> labels;
    private final SeverityMapping severity;
    private final String dedupKey;

    AlertTemplate(String source, AlertSourceSpec spec) {
        this.source = source;
        this.alertname = spec.alertname == null ? "MailAlert" : spec.alertname;
        this.labels = spec.labels == null ? Map.of() : new LinkedHashMap<>(spec.labels);
        this.severity = new SeverityMapping(spec.severity);
        this.dedupKey = spec.dedupKey == null || spec.dedupKey.isBlank() ? null : spec.dedupKey;
    }

    String source() {
        return source;
    }

    /**
     * The alert's labels: what was extracted, then the source's own labels, its name, the severity mapped
     * from {@code severityValue}, and the alertname. Empty values are left out, as Alertmanager does.
     */
    Map<String, String> labels(Map<String, String> extracted, String severityValue) {
        Map<String, String> result = new TreeMap<>(extracted);
        result.putAll(labels);
        result.put(SOURCE_LABEL, source);
        result.put("severity", severity.severity(severityValue));
        String name = LabelTemplates.render(alertname, result).trim();
        result.put("alertname", name.isEmpty() ? alertname : name);
        result.values().removeIf(String::isEmpty);
        return result;
    }

    /**
     * The rendered dedup key, or null when the source declares none or no placeholder found a value (a
     * constant key would merge unrelated alerts).
     */
    String dedupKey(Map<String, String> labels) {
        if (dedupKey == null) {
            return null;
        }
        String rendered = LabelTemplates.render(dedupKey, labels).trim();
        String empty = LabelTemplates.render(dedupKey, Map.of()).trim();
        boolean placeholders = !empty.equals(dedupKey.trim());
        return rendered.isEmpty() || (placeholders && rendered.equals(empty)) ? null : rendered;
    }

    boolean dedupKeyDeclared() {
        return dedupKey != null;
    }

    /** The identity of an alert with this key: scoped by the source, so two sources never share an alert. */
    String fingerprint(String key) {
        return Fingerprints.hex(Map.of("__dedup_key__", key, "__alertsource__", source));
    }
}
