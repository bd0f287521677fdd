package io.opsgate.engine.sources;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.opsgate.api.regex.BoundedRegex;
import io.opsgate.api.regex.RegexBudget;
import io.opsgate.api.v1alpha1.AlertSourceSpec.MailField;
import io.opsgate.api.v1alpha1.AlertSourceSpec;
import io.opsgate.api.v1alpha1.TenantLimits;
import io.opsgate.engine.alerting.AlertTexts;
import io.opsgate.engine.alerting.Fingerprints;
import io.opsgate.engine.domain.IncomingAlert;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Mail AlertSource ready to use: who may send to its recipients, and how a decoded mail becomes an alert
 * (patterns with named groups set labels, the severity mapping, the dedup key, resolveWhen).
 */
public final class MailSource {
    /** Annotation holding what went wrong reading a mail; the alert is kept all the same. */
    public static final String PARSE_WARNING = "parse_warning";
    static final int SUMMARY_MAX = 1024;
    static final int DESCRIPTION_MAX = 32 * 1024;
    private static final Pattern REPLY_PREFIX = Pattern.compile("^(?i:(?:re|fwd?|aw|wg)\\s*(?:\\[\\d+\\])?\\s*[:：]\\s*)+");
    private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

    private record Extraction(MailField field, Pattern pattern) {
    }

    public final String name;
    public final String tenant;
    public final List<String> recipients;
    /** The Secret with username and password senders must authenticate with; null when none is required. */
    public final String authSecret;
    public final int maxMessageBytes;
    /** Whether recipients of this source are taken only after STARTTLS. */
    public final boolean requireTls;
    private final SenderAllowList senders;
    private final List<Extraction> patterns = new ArrayList<>();
    private final Extraction resolveWhen;
    private final String severityLabel;
    private final AlertTemplate template;

    MailSource(String tenant, String name, AlertSourceSpec spec) {
        AlertSourceSpec.MailSource m = spec.mail;
        this.name = name;
        this.tenant = tenant;
        this.recipients = m.recipients.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).toList();
        this.authSecret = m.authSecretRef == null ? null : m.authSecretRef.name;
        this.maxMessageBytes = m.maxMessageBytes == null ? 10 * 1024 * 1024 : m.maxMessageBytes;
        this.requireTls = Boolean.TRUE.equals(m.requireTls);
        this.senders = new SenderAllowList(m.allowedSenders);
        // The same budget the validator checked these patterns against.
        RegexBudget budget = RegexBudget.perObject();
        if (m.patterns != null) {
            for (AlertSourceSpec.ExtractionPattern p : m.patterns) {
                patterns.add(compile(p, budget));
            }
        }
        this.resolveWhen = m.resolveWhen == null ? null : compile(m.resolveWhen, budget);
        this.severityLabel = spec.severity == null || spec.severity.fromLabel == null ? "severity" : spec.severity.fromLabel;
        this.template = new AlertTemplate(name, spec);
    }

    // Multi-line, so ^ and $ find lines of a body, which is what people mean when they write them.
    private static Extraction compile(AlertSourceSpec.ExtractionPattern p, RegexBudget budget) {
        return new Extraction(p.field, BoundedRegex.compile(p.regex, Pattern.MULTILINE, budget));
    }

    /** Whether the envelope sender may deliver to this source. */
    public boolean allowsSender(String sender) {
        return senders.allows(sender);
    }

    /**
     * The alert a decoded mail makes. Never fails: what cannot be taken as is (too many or too long labels)
     * is cut and said in the {@link #PARSE_WARNING} annotation, along with the reader's {@code warnings}.
     *
     * @param subject  the decoded subject
     * @param from     the decoded From header, or the envelope sender when there is none
     * @param body     the body as text
     * @param warnings what the mail reader could not decode
     */
    public IncomingAlert alert(String subject, String from, String body, List<String> warnings, TenantLimits limits) {
        List<String> notes = new ArrayList<>(warnings);
        Map<String, String> extracted = new TreeMap<>();
        for (Extraction e : patterns) {
            Matcher m = e.pattern().matcher(text(e.field(), subject, from, body));
            if (m.find()) {
                for (String group : e.pattern().namedGroups().keySet()) {
                    String value = m.group(group);
                    if (value != null && LABEL_NAME.matcher(group).matches()) {
                        extracted.put(group, value.trim());
                    }
                }
            }
        }
        Map<String, String> labels = template.labels(extracted, extracted.get(severityLabel));
        limit(labels, limits, notes);
        boolean resolve = resolveWhen != null && resolveWhen.pattern().matcher(text(resolveWhen.field(), subject, from, body)).find();

        Map<String, String> annotations = new TreeMap<>();
        annotations.put(AlertTexts.SUMMARY, bounded(subject.isEmpty() ? "(no subject)" : subject, SUMMARY_MAX));
        annotations.put(AlertTexts.DESCRIPTION, bounded(body, DESCRIPTION_MAX));
        annotations.put(AlertTexts.MAIL_FROM, bounded(from.isEmpty() ? "<>" : from, SUMMARY_MAX));
        String key = template.dedupKey(labels);
        if (key == null) {
            if (template.dedupKeyDeclared()) {
                notes.add("dedupKey rendered no label value; the subject identifies the alert");
            }
            key = REPLY_PREFIX.matcher(subject).replaceFirst("").trim().replaceAll("\\s+", " ");
        }
        if (!notes.isEmpty()) {
            annotations.put(PARSE_WARNING, bounded(String.join("; ", notes), SUMMARY_MAX));
        }
        String fingerprint = key.isEmpty() ? Fingerprints.hex(labels) : template.fingerprint(key);
        return new IncomingAlert(fingerprint, labels, annotations, 0, 0, "", resolve);
    }

    private static String text(MailField field, String subject, String from, String body) {
        return switch (field) {
            case subject -> subject;
            case from -> from;
            case body -> body;
        };
    }

    /** Cuts values to the tenant's longest label and drops extracted labels beyond its count, saying so. */
    private static void limit(Map<String, String> labels, TenantLimits limits, List<String> notes) {
        int maxLength = limits == null || limits.maxLabelLength == null ? 4096 : limits.maxLabelLength;
        int maxCount = limits == null || limits.maxLabelsPerAlert == null ? 64 : limits.maxLabelsPerAlert;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (e.getValue().length() > maxLength) {
                e.setValue(e.getValue().substring(0, maxLength));
                notes.add("label " + e.getKey() + " cut to " + maxLength + " characters");
            }
        }
        if (labels.size() > maxCount) {
            List<String> dropped = new ArrayList<>();
            for (Iterator<String> it = labels.keySet().iterator(); it.hasNext() && labels.size() > maxCount; ) {
                String k = it.next();
                if (!k.equals("alertname") && !k.equals("severity") && !k.equals(AlertTemplate.SOURCE_LABEL)) {
                    it.remove();
                    dropped.add(k);
                }
            }
            notes.add("labels " + dropped + " left out: more than " + maxCount + " labels");
        }
    }

    static String bounded(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "…";
    }
}
