package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.opsgate.api.common.SecretReference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A notification destination. Secret keys by type: Email uses username and password; Slack and
 * Teams use url; Webhook uses hmacKey (and url when the URL itself is secret); PagerDuty uses routingKey;
 * CallOut uses accountSid and authToken.
 */
@JsonClassDescription("The channel's type, endpoint, credentials Secret and rate limit.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.type != 'Email' || has(self.email)", message = "email is required when type is Email")
@ValidationRule(value = "self.type != 'Webhook' || has(self.webhook)", message = "webhook is required when type is Webhook")
@ValidationRule(value = "!(self.type in ['Slack', 'Teams', 'PagerDuty']) || has(self.secretRef)",
        message = "secretRef is required for Slack, Teams and PagerDuty: the URL or routing key is a credential")
@ValidationRule(value = "self.type != 'CallOut' || (has(self.callOut) && has(self.secretRef))",
        message = "callOut and secretRef (accountSid, authToken) are required when type is CallOut")
public class NotificationChannelSpec {

    @Required
    @JsonPropertyDescription("Email, Slack, Teams, Webhook, PagerDuty, or CallOut (voice calls and SMS to people, "
            + "used by ContactGroups and OnCallSchedules, not by notify actions).")
    public ChannelType type;

    @ValidationRule(value = "!self.name.startsWith('opsgate-')",
            message = "Secrets named opsgate-* are opsgate's own (keys, CA, tokens); a channel cannot use them")
    @JsonPropertyDescription("Secret with the channel's credentials; see the keys per type above.")
    public SecretReference secretRef;

    @JsonPropertyDescription("Settings of an Email channel.")
    public EmailSettings email;

    @JsonPropertyDescription("Settings of a Slack channel (incoming webhook, Block Kit message).")
    public SlackSettings slack;

    @JsonPropertyDescription("Settings of a Microsoft Teams channel (incoming webhook or workflow, with a card).")
    public TeamsSettings teams;

    @JsonPropertyDescription("Settings of a generic webhook channel.")
    public WebhookSettings webhook;

    @JsonPropertyDescription("Settings of a PagerDuty Events API v2 channel.")
    public PagerDutySettings pagerDuty;

    @JsonPropertyDescription("Settings of a CallOut channel (a Twilio-compatible voice and SMS provider).")
    public CallOutProvider callOut;

    @JsonPropertyDescription("Most notifications per minute to this channel; excess waits in the queue.")
    public ChannelRateLimit rateLimit;

    @JsonPropertyDescription("Mustache templates overriding the defaults. Variables: title, severity, priority, "
            + "tenant, status, ticketId, ticketUrl, count, labels, alerts (each with labels, annotations, startsAt).")
    public Templates templates;

    @Default("true")
    @JsonPropertyDescription("Also notify when the alerts are resolved.")
    public Boolean sendResolved;

    /** Channel types. */
    public enum ChannelType {
        Email, Slack, Teams, Webhook, PagerDuty, CallOut
    }

    /** SMTP delivery. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class EmailSettings {
        @Size(min = 1, max = 50)
        @JsonPropertyDescription("Recipients.")
        public List<String> to = new ArrayList<>();

        @Required
        @JsonPropertyDescription("Sender address.")
        public String from;

        @Required
        @JsonPropertyDescription("SMTP server host.")
        public String host;

        @Default("587")
        @Min(1)
        @Max(65535)
        @JsonPropertyDescription("SMTP server port.")
        public Integer port;

        @Default("StartTLS")
        @JsonPropertyDescription("StartTLS (required upgrade), TLS (implicit, usually port 465) or None (only for "
                + "a relay on a trusted network).")
        public SmtpSecurity security;

        /** Transport security. */
        public enum SmtpSecurity {
            StartTLS, TLS, None
        }
    }

    /** Slack message settings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SlackSettings {
        @JsonPropertyDescription("Channel override, e.g. #ops; the webhook's channel when empty.")
        public String channel;
        @JsonPropertyDescription("User name override.")
        public String username;
    }

    /** Teams message settings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TeamsSettings {
        @Default("AdaptiveCard")
        @JsonPropertyDescription("AdaptiveCard (Workflows) or MessageCard (legacy incoming webhook).")
        public TeamsFormat format;

        /** Teams payload formats. */
        public enum TeamsFormat {
            AdaptiveCard, MessageCard
        }
    }

    /** Generic JSON webhook. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class WebhookSettings {
        @Pattern("^https?://.+")
        @JsonPropertyDescription("Target URL; may instead come from the Secret's url key.")
        public String url;

        @JsonPropertyDescription("Extra request headers.")
        public Map<String, String> headers = new LinkedHashMap<>();

        @Default("X-Opsgate-Signature")
        @JsonPropertyDescription("Header carrying sha256=<hex HMAC-SHA256 of the body> under the Secret's hmacKey.")
        public String signatureHeader;
    }

    /** PagerDuty Events API v2. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class PagerDutySettings {
        @Pattern("^https?://.+")
        @Default("https://events.pagerduty.com/v2/enqueue")
        @JsonPropertyDescription("Events API endpoint.")
        public String url;
    }

    /** A voice and SMS provider speaking the Twilio REST API (Calls and Messages resources). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class CallOutProvider {
        @Pattern("^https?://.+")
        @Default("https://api.twilio.com")
        @JsonPropertyDescription("Base URL of the Twilio-compatible API; /2010-04-01/Accounts/<accountSid>/Calls.json "
                + "and Messages.json are posted under it.")
        public String url;

        @Required
        @Pattern("^\\+[1-9][0-9]{6,14}$")
        @JsonPropertyDescription("The caller number in E.164 format, e.g. +15005550006; a company number, not a person's.")
        public String from;

        @Pattern("^\\+[1-9][0-9]{6,14}$")
        @JsonPropertyDescription("The number SMS are sent from, E.164; from when empty.")
        public String smsFrom;
    }

    /** Per-channel rate limit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ChannelRateLimit {
        @Min(1)
        @Max(100_000)
        @JsonPropertyDescription("Notifications per minute.")
        public Integer perMinute;
        @Min(1)
        @Max(100_000)
        @JsonPropertyDescription("Burst size. Default perMinute.")
        public Integer burst;
    }

    /** Template overrides. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Templates {
        @Size(max = 2000)
        @JsonPropertyDescription("Title or subject.")
        public String title;
        @Size(max = 20000)
        @JsonPropertyDescription("Body text.")
        public String body;
    }
}
