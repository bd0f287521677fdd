package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.opsgate.api.common.SecretReference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where alerts come from and how their fields are found. */
@JsonClassDescription("Where the alerts come from (mail or webhook) and how their fields are found.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.type != 'Mail' || has(self.mail)", message = "mail is required when type is Mail")
@ValidationRule(value = "self.type != 'Webhook' || has(self.webhook)", message = "webhook is required when type is Webhook")
public class AlertSourceSpec {

    @Required
    @JsonPropertyDescription("Mail (the tenant's SMTP intake) or Webhook (POST /api/v1/sources/<name>).")
    public SourceType type;

    @JsonPropertyDescription("Settings of a Mail source.")
    public MailSource mail;

    @JsonPropertyDescription("Settings of a Webhook source.")
    public WebhookSource webhook;

    @Default("MailAlert")
    @Size(max = 200)
    @JsonPropertyDescription("alertname label of the alerts; {{label}} placeholders take extracted labels.")
    public String alertname;

    @JsonPropertyDescription("Labels set on every alert of this source.")
    public Map<String, String> labels = new LinkedHashMap<>();

    @JsonPropertyDescription("How source severities map to opsgate's (critical, warning, info, ...).")
    public SeverityMapping severity;

    @Size(max = 500)
    @JsonPropertyDescription("Template of the deduplication key; {{label}} placeholders take extracted labels. "
            + "Alerts with the same key are one alert. Default: for mail the subject without Re:/Fwd:, for "
            + "webhooks the dedupKey field or else all extracted labels.")
    public String dedupKey;

    /** Source types. */
    public enum SourceType {
        Mail, Webhook
    }

    /** A mailbox on the tenant's SMTP intake. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class MailSource {
        @Size(min = 1, max = 20)
        @JsonPropertyDescription("Recipient addresses this tenant receives on; a mail to any other address is refused "
                + "with 550. Each address belongs to one tenant only.")
        public List<String> recipients = new ArrayList<>();

        @JsonPropertyDescription("Senders allowed to deliver: exact addresses or *@domain. Empty allows any sender "
                + "that passed authentication.")
        public List<String> allowedSenders = new ArrayList<>();

        @ValidationRule(value = "!self.name.startsWith('opsgate-')",
                message = "Secrets named opsgate-* are opsgate's own (keys, CA, tokens); a mail source cannot use them")
        @JsonPropertyDescription("Secret with the keys username and password for SMTP AUTH. When set, senders must "
                + "authenticate (after STARTTLS) before they may send to these recipients.")
        public SecretReference authSecretRef;

        @Min(1024)
        @Max(52_428_800)
        @Default("10485760")
        @JsonPropertyDescription("Largest accepted mail in bytes; larger mails get 552.")
        public Integer maxMessageBytes;

        @JsonPropertyDescription("RE2 regexes with named groups, (?P<host>...), on the subject, body or sender; "
                + "every named group that matches sets the label of that name.")
        public List<ExtractionPattern> patterns = new ArrayList<>();

        @JsonPropertyDescription("A mail whose field matches this regex resolves its alert instead of firing it, "
                + "e.g. RECOVERY|OK on the subject.")
        public ExtractionPattern resolveWhen;
        @JsonPropertyDescription("Take mail for these recipients only over TLS: a recipient named before the sender "
                + "started TLS (STARTTLS) gets 530 5.7.0, so neither the mail nor a password travels in the clear.")
        public Boolean requireTls;
    }

    /** A regex on one part of a mail. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ExtractionPattern {
        @Required
        @JsonPropertyDescription("subject, body or from.")
        public MailField field;

        @Required
        @Size(min = 1, max = 2000)
        @JsonPropertyDescription("RE2 regex, matched anywhere in the field.")
        public String regex;

        public ExtractionPattern() {
        }

        public ExtractionPattern(MailField field, String regex) {
            this.field = field;
            this.regex = regex;
        }
    }

    /** The parts of a mail patterns look at. */
    public enum MailField {
        subject, body, from
    }

    /** Where a webhook source's JSON keeps each alert field. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class WebhookSource {
        @Required
        @JsonPropertyDescription("JSON Pointer (/a/b) or JSONPath ($.a.b) of the summary.")
        public String summary;

        @JsonPropertyDescription("Path of the description.")
        public String description;

        @JsonPropertyDescription("Path of the severity (mapped by spec.severity).")
        public String severity;

        @JsonPropertyDescription("Path of the host; sets the instance label.")
        public String host;

        @JsonPropertyDescription("Path of the deduplication key.")
        public String dedupKey;

        @JsonPropertyDescription("Labels from paths: label name -> path.")
        public Map<String, String> labels = new LinkedHashMap<>();

        @JsonPropertyDescription("Path of a status field; when its value is one of resolvedValues the alert resolves.")
        public String status;

        @JsonPropertyDescription("Status values that mean resolved, e.g. OK, RESOLVED, 0. Compared case-insensitively.")
        public List<String> resolvedValues = new ArrayList<>();
    }

    /** Severity mapping. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SeverityMapping {
        @JsonPropertyDescription("For mail: the extracted label that holds the source's severity. Default severity.")
        public String fromLabel;

        @JsonPropertyDescription("Source value -> severity, compared case-insensitively, e.g. CRITICAL: critical, "
                + "WARN: warning, Disaster: critical.")
        public Map<String, String> map = new LinkedHashMap<>();

        @Default("warning")
        @JsonPropertyDescription("Severity when nothing maps.")
        public String defaultSeverity;
    }
}
