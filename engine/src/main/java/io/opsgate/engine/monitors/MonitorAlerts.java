package io.opsgate.engine.monitors;

import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.engine.alerting.Fingerprints;
import io.opsgate.engine.domain.IncomingAlert;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alert a monitor raises. Labels: {@code alertname} (MonitorDown; TlsCertificateExpiring,
 * HeartbeatMissing or PrometheusQueryAlert by type; a label in spec.labels may override it),
 * {@code monitor}, {@code monitor_type}, {@code severity}, plus spec.labels. Annotations: summary and a
 * description with what failed. A firing alert carries an end time a few intervals ahead and is sent
 * again while it fires, so it resolves by itself if the engine stops checking.
 */
final class MonitorAlerts {
    static final String MONITOR_DOWN = "MonitorDown";
    static final String LABEL_MONITOR = "monitor";
    static final String LABEL_TYPE = "monitor_type";
    private static final Duration MIN_HOLD = Duration.ofMinutes(5);

    private MonitorAlerts() {
    }

    static Map<String, String> labels(String monitor, MonitorSpec spec) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", defaultAlertname(spec.type));
        labels.put("severity", spec.severity == null ? "warning" : spec.severity);
        if (spec.labels != null) {
            spec.labels.forEach((k, v) -> {
                if (v != null && !v.isEmpty()) {
                    labels.put(k, v);
                }
            });
        }
        labels.put(LABEL_MONITOR, monitor);
        labels.put(LABEL_TYPE, spec.type.name());
        return labels;
    }

    static String defaultAlertname(MonitorSpec.MonitorType type) {
        return switch (type) {
            case TLS -> "TlsCertificateExpiring";
            case Heartbeat -> "HeartbeatMissing";
            case PrometheusQuery -> "PrometheusQueryAlert";
            default -> MONITOR_DOWN;
        };
    }

    static IncomingAlert firing(Map<String, String> labels, String summary, String description, long now, Duration interval) {
        Duration hold = interval.multipliedBy(4).compareTo(MIN_HOLD) > 0 ? interval.multipliedBy(4) : MIN_HOLD;
        return new IncomingAlert(Fingerprints.hex(labels), labels, annotations(summary, description), 0,
                now + hold.toMillis(), "", false);
    }

    static IncomingAlert resolved(Map<String, String> labels, String summary, String description, long now) {
        return new IncomingAlert(Fingerprints.hex(labels), labels, annotations(summary, description), 0, now, "", false);
    }

    static String summary(String monitor, MonitorSpec spec, String target) {
        if (spec.summary != null && !spec.summary.isBlank()) {
            return spec.summary;
        }
        return spec.type == MonitorSpec.MonitorType.Heartbeat ? "Heartbeat " + monitor + " missed its ping"
                : spec.type + " monitor " + monitor + " failed: " + target;
    }

    private static Map<String, String> annotations(String summary, String description) {
        Map<String, String> a = new TreeMap<>();
        a.put("summary", summary);
        a.put("description", description);
        return a;
    }
}
