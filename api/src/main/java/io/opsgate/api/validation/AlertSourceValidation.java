package io.opsgate.api.validation;

import io.opsgate.api.regex.BoundedRegex;
import io.opsgate.api.regex.RegexBudget;
import io.opsgate.api.text.JsonPaths;
import io.opsgate.api.text.LabelTemplates;
import io.opsgate.api.v1alpha1.AlertSourceSpec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.opsgate.api.validation.FieldChecks.email;
import static io.opsgate.api.validation.FieldChecks.labelNames;
import static io.opsgate.api.validation.FieldChecks.quoteForMessage;
import static io.opsgate.api.validation.FieldChecks.range;
import static io.opsgate.api.validation.FieldChecks.regex;
import static io.opsgate.api.validation.FieldChecks.require;

/** The AlertSource part of {@link ResourceValidator}: recipients, senders, extraction patterns, field mappings. */
final class AlertSourceValidation {

    private AlertSourceValidation() {
    }

    /** Validates an AlertSource; recipient clashes between tenants are checked where all tenants are known. */
    static ValidationResult validate(AlertSourceSpec spec) {
        ValidationResult r = ValidationResult.ok();
        if (spec == null) {
            return r.add("spec", Reasons.MISSING_FIELD, "spec is required");
        }
        if (spec.type == null) {
            return r.add("spec.type", Reasons.MISSING_FIELD, "type is required: Mail or Webhook");
        }
        if (spec.alertname != null) {
            template(spec.alertname, "spec.alertname", r);
        }
        if (spec.dedupKey != null) {
            template(spec.dedupKey, "spec.dedupKey", r);
        }
        if (spec.labels != null) {
            labelNames(List.copyOf(spec.labels.keySet()), "spec.labels", r);
        }
        if (spec.type == AlertSourceSpec.SourceType.Mail && require(spec.mail, "spec.mail", r)) {
            AlertSourceSpec.MailSource m = spec.mail;
            if (m.recipients == null || m.recipients.isEmpty()) {
                r.add("spec.mail.recipients", Reasons.MISSING_FIELD, "at least one recipient address is required");
            } else {
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < m.recipients.size(); i++) {
                    email(m.recipients.get(i), "spec.mail.recipients[" + i + "]", r);
                    if (m.recipients.get(i) != null && !seen.add(m.recipients.get(i).toLowerCase(java.util.Locale.ROOT))) {
                        r.add("spec.mail.recipients[" + i + "]", Reasons.INVALID_VALUE, "recipient listed twice");
                    }
                }
            }
            if (m.allowedSenders != null) {
                for (int i = 0; i < m.allowedSenders.size(); i++) {
                    String a = m.allowedSenders.get(i);
                    if (a == null || !a.matches("^(\\*|[^@\\s<>*]+)@[^@\\s<>*]+$")) {
                        r.add("spec.mail.allowedSenders[" + i + "]", Reasons.INVALID_VALUE,
                                "\"" + a + "\" is not an address or *@domain");
                    }
                }
            }
            range(m.maxMessageBytes, 1024, 52_428_800, "spec.mail.maxMessageBytes", r);
            RegexBudget budget = RegexBudget.perObject();
            if (m.patterns != null) {
                for (int i = 0; i < m.patterns.size(); i++) {
                    if (extraction(m.patterns.get(i), "spec.mail.patterns[" + i + "]", r, budget)) {
                        namedGroups(m.patterns.get(i), "spec.mail.patterns[" + i + "].regex", r);
                    }
                }
            }
            if (m.resolveWhen != null) {
                extraction(m.resolveWhen, "spec.mail.resolveWhen", r, budget);
            }
        }
        if (spec.type == AlertSourceSpec.SourceType.Webhook && require(spec.webhook, "spec.webhook", r)) {
            AlertSourceSpec.WebhookSource w = spec.webhook;
            if (w.summary == null) {
                r.add("spec.webhook.summary", Reasons.MISSING_FIELD, "summary path is required");
            }
            jsonPath(w.summary, "spec.webhook.summary", r);
            jsonPath(w.description, "spec.webhook.description", r);
            jsonPath(w.severity, "spec.webhook.severity", r);
            jsonPath(w.host, "spec.webhook.host", r);
            jsonPath(w.dedupKey, "spec.webhook.dedupKey", r);
            jsonPath(w.status, "spec.webhook.status", r);
            if (w.labels != null) {
                labelNames(List.copyOf(w.labels.keySet()), "spec.webhook.labels", r);
                w.labels.forEach((k, v) -> jsonPath(v, "spec.webhook.labels." + k, r));
            }
        }
        return r;
    }

    /** Whether the pattern's regex compiles (within the budget). */
    private static boolean extraction(AlertSourceSpec.ExtractionPattern p, String path, ValidationResult r,
                                      RegexBudget budget) {
        if (p == null) {
            return false;
        }
        if (p.field == null) {
            r.add(path + ".field", Reasons.MISSING_FIELD, "field is required: subject, body or from");
        }
        if (p.regex == null || p.regex.isEmpty()) {
            r.add(path + ".regex", Reasons.MISSING_FIELD, "regex is required");
            return false;
        }
        return regex(p.regex, path + ".regex", r, budget);
    }

    /**
     * A pattern sets labels only through its named groups, so one without any could never set a label. Called for
     * a regex that compiled within the budget, so compiling it again is as cheap.
     */
    private static void namedGroups(AlertSourceSpec.ExtractionPattern p, String path, ValidationResult r) {
        java.util.Map<String, Integer> groups = BoundedRegex.compile(p.regex).namedGroups();
        if (groups.isEmpty()) {
            r.add(path, Reasons.INVALID_REGEX, "regex " + quoteForMessage(p.regex)
                    + " has no named group: write (?P<label>...) for each label it sets");
            return;
        }
        for (String group : groups.keySet().stream().sorted().toList()) {
            if (group.startsWith("__") || !group.matches("^[a-zA-Z_][a-zA-Z0-9_]*$")) {
                r.add(path, Reasons.INVALID_VALUE, "named group \"" + group
                        + "\" is not a label name ([a-zA-Z_][a-zA-Z0-9_]*, no leading __)");
            }
        }
    }

    private static void jsonPath(String p, String path, ValidationResult r) {
        if (p == null) {
            return;
        }
        try {
            JsonPaths.toPointer(p);
        } catch (IllegalArgumentException e) {
            r.add(path, Reasons.INVALID_VALUE, e.getMessage());
        }
    }

    private static void template(String t, String path, ValidationResult r) {
        try {
            LabelTemplates.check(t);
        } catch (IllegalArgumentException e) {
            r.add(path, Reasons.INVALID_TEMPLATE, e.getMessage());
        }
    }
}
