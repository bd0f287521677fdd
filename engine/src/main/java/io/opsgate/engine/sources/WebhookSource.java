package io.opsgate.engine.sources;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.api.text.JsonPaths;
import io.opsgate.api.v1alpha1.AlertSourceSpec;
import io.opsgate.api.v1alpha1.TenantLimits;
import io.opsgate.engine.alerting.AlertTexts;
import io.opsgate.engine.alerting.AlertView;
import io.opsgate.engine.alerting.Fingerprints;
import io.opsgate.engine.domain.IncomingAlert;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A Webhook AlertSource ready to use: the paths of a tool's own JSON compiled to JSON Pointers, and how the
 * values found there become an alert. A body is one object (one alert) or an array of them. A resolving
 * payload that carries only its dedup key (as PagerDuty-style senders do) resolves the held alert of that key
 * and keeps its labels and annotations.
 */
public final class WebhookSource {
    /**
     * One mapped alert.
     *
     * @param alert       the alert as the payload gives it
     * @param resolveOnly the payload only names the alert to resolve; take labels and annotations from the held one
     */
    public record Mapped(IncomingAlert alert, boolean resolveOnly) {
    }

    /** A declared path: as the AlertSource writes it (for messages) and compiled. */
    private record Path(String declared, JsonPointer pointer) {
        static Path of(String declared) {
            return declared == null ? null : new Path(declared, JsonPointer.compile(JsonPaths.toPointer(declared)));
        }
    }

    public final String name;
    private final Path summary;
    private final Path description;
    private final Path severity;
    private final Path host;
    private final Path dedupKey;
    private final Path status;
    private final Map<String, Path> labels = new LinkedHashMap<>();
    private final Set<String> resolvedValues = new HashSet<>();
    private final AlertTemplate template;

    WebhookSource(String name, AlertSourceSpec spec) {
        AlertSourceSpec.WebhookSource w = spec.webhook;
        this.name = name;
        this.summary = Path.of(w.summary);
        this.description = Path.of(w.description);
        this.severity = Path.of(w.severity);
        this.host = Path.of(w.host);
        this.dedupKey = Path.of(w.dedupKey);
        this.status = Path.of(w.status);
        if (w.labels != null) {
            w.labels.forEach((label, path) -> labels.put(label, Path.of(path)));
        }
        if (w.resolvedValues != null) {
            w.resolvedValues.forEach(v -> resolvedValues.add(v.toLowerCase(Locale.ROOT)));
        }
        this.template = new AlertTemplate(name, spec);
    }

    /**
     * The alerts of a payload.
     *
     * @throws PayloadException naming the path that is missing or wrong, or the limit exceeded
     */
    public List<Mapped> alerts(JsonNode body, TenantLimits limits) {
        List<Mapped> result = new ArrayList<>();
        if (body.isArray()) {
            int max = limits.maxAlertsPerRequest == null ? 10_000 : limits.maxAlertsPerRequest;
            if (body.size() > max) {
                throw new PayloadException("", "more than " + max + " alerts in one request (maxAlertsPerRequest)");
            }
            for (int i = 0; i < body.size(); i++) {
                result.add(alert(body.get(i), "[" + i + "]", limits));
            }
        } else {
            result.add(alert(body, "", limits));
        }
        return result;
    }

    private Mapped alert(JsonNode doc, String at, TenantLimits limits) {
        if (!doc.isObject()) {
            throw new PayloadException(at, "expected a JSON object" + (at.isEmpty() ? "" : " at " + at)
                    + " as the source's paths describe, got " + doc.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String statusValue = value(doc, status);
        boolean resolve = statusValue != null && resolvedValues.contains(statusValue.trim().toLowerCase(Locale.ROOT));
        String summaryText = value(doc, summary);
        String keyValue = value(doc, dedupKey);
        if ((summaryText == null || summaryText.isBlank()) && resolve && !template.dedupKeyDeclared()
                && keyValue != null && !keyValue.isBlank()) {
            return new Mapped(new IncomingAlert(template.fingerprint(keyValue), Map.of(), Map.of(), 0, 0, "", true), true);
        }
        if (summaryText == null || summaryText.isBlank()) {
            throw new PayloadException(at + summary.declared(), "no summary at " + summary.declared()
                    + (at.isEmpty() ? "" : " in " + at));
        }
        Map<String, String> extracted = new TreeMap<>();
        labels.forEach((label, path) -> {
            String v = value(doc, path);
            if (v != null) {
                extracted.put(label, v);
            }
        });
        String hostValue = value(doc, host);
        if (hostValue != null) {
            extracted.put("instance", hostValue);
        }
        Map<String, String> result = template.labels(extracted, value(doc, severity));
        check(result, at, limits);
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(AlertTexts.SUMMARY, MailSource.bounded(summaryText, MailSource.SUMMARY_MAX));
        String descriptionText = value(doc, description);
        if (descriptionText != null) {
            annotations.put(AlertTexts.DESCRIPTION, MailSource.bounded(descriptionText, MailSource.DESCRIPTION_MAX));
        }
        String key = template.dedupKey(result);
        if (key == null) {
            key = keyValue;
        }
        String fingerprint = key == null || key.isBlank() ? Fingerprints.hex(result) : template.fingerprint(key);
        return new Mapped(new IncomingAlert(fingerprint, result, annotations, 0, 0, "", resolve), false);
    }

    /**
     * The alerts to ingest, run on the tenant's lane: a resolve-only alert takes the labels and annotations of
     * the held alert it names, and is left out when no such alert is held (there is nothing to resolve).
     */
    public static List<IncomingAlert> withHeld(List<Mapped> mapped, Function<String, AlertView> held) {
        List<IncomingAlert> result = new ArrayList<>(mapped.size());
        for (Mapped m : mapped) {
            if (!m.resolveOnly()) {
                result.add(m.alert());
                continue;
            }
            AlertView view = held.apply(m.alert().fingerprint());
            if (view != null) {
                result.add(new IncomingAlert(view.fingerprint(), view.labels(), view.annotations(), 0, 0,
                        view.generatorURL(), true));
            }
        }
        return result;
    }

    private void check(Map<String, String> labels, String at, TenantLimits limits) {
        int maxCount = limits.maxLabelsPerAlert == null ? 64 : limits.maxLabelsPerAlert;
        int maxLength = limits.maxLabelLength == null ? 4096 : limits.maxLabelLength;
        if (labels.size() > maxCount) {
            throw new PayloadException(at + "labels", "the alert would have " + labels.size()
                    + " labels, more than maxLabelsPerAlert " + maxCount);
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (e.getValue().length() > maxLength) {
                Path from = e.getKey().equals("instance") && host != null ? host : this.labels.get(e.getKey());
                throw new PayloadException(at + (from == null ? "labels." + e.getKey() : from.declared()), "label "
                        + e.getKey() + " is longer than maxLabelLength " + maxLength);
            }
        }
    }

    /** The text at a path: strings as they are, numbers and booleans printed, objects and arrays as JSON. */
    private static String value(JsonNode doc, Path path) {
        if (path == null) {
            return null;
        }
        JsonNode n = doc.at(path.pointer());
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }
}
