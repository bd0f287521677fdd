package io.opsgate.engine.importer;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alertmanager receivers as NotificationChannels: one channel per supported integration (email, Slack,
 * webhook, PagerDuty, Microsoft Teams), credentials in a Secret of the channel's name that the channel
 * references, never in the channel itself. Integrations opsgate has no type for, and fields it has no
 * place for, become findings.
 */
final class ReceiverTranslator {
    static final String DEFAULT_PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";

    /** Fields each mapped integration carries over; the others set in a file are reported. */
    private static final Map<String, Set<String>> MAPPED = Map.of(
            "email_configs", Set.of("to", "from", "smarthost", "auth_username", "auth_password", "auth_password_file",
                    "require_tls", "force_implicit_tls", "send_resolved"),
            "slack_configs", Set.of("api_url", "api_url_file", "channel", "username", "send_resolved"),
            "webhook_configs", Set.of("url", "url_file", "urlSecret", "send_resolved"),
            "pagerduty_configs", Set.of("routing_key", "routing_key_file", "service_key", "service_key_file", "url",
                    "send_resolved"),
            "msteams_configs", Set.of("webhook_url", "webhook_url_file", "send_resolved"),
            "msteamsv2_configs", Set.of("webhook_url", "webhook_url_file", "send_resolved"));

    private final AmConfig config;
    private final ImportOptions options;
    private final String source;
    private final Names names = new Names();
    private final List<Manifest> secrets = new ArrayList<>();
    private final List<Manifest> channels = new ArrayList<>();
    private final List<Finding> findings;
    private final SecureRandom random = new SecureRandom();

    ReceiverTranslator(AmConfig config, ImportOptions options, String source, List<Finding> findings) {
        this.config = config;
        this.options = options;
        this.source = source;
        this.findings = findings;
    }

    List<Manifest> secrets() {
        return secrets;
    }

    List<Manifest> channels() {
        return channels;
    }

    /** The channels of a receiver, creating them; empty when none of its integrations is supported. */
    List<String> translate(AmConfig.Receiver receiver) {
        List<String> result = new ArrayList<>();
        Map<String, Integer> perType = new LinkedHashMap<>();
        receiver.integrations.forEach(i -> perType.merge(i.kind(), 1, Integer::sum));
        for (AmConfig.Integration in : receiver.integrations) {
            String subject = "receiver \"" + receiver.name + "\" " + in.label();
            if (!MAPPED.containsKey(in.kind())) {
                findings.add(new Finding(in.fields().position(), subject, typeName(in.kind())
                        + " is not a channel type of opsgate (Email, Slack, Teams, Webhook, PagerDuty): not imported"));
                continue;
            }
            String base = options.prefix() + "-" + Names.slug(receiver.name) + "-" + shortType(in.kind())
                    + (perType.get(in.kind()) > 1 ? "-" + (in.index() + 1) : "");
            String name = names.unique(base);
            Manifest channel = switch (in.kind()) {
                case "email_configs" -> email(in, name, subject);
                case "slack_configs" -> slack(in, name, subject);
                case "webhook_configs" -> webhook(in, name, subject);
                case "pagerduty_configs" -> pagerDuty(in, name, subject);
                default -> teams(in, name, subject);
            };
            if (channel == null) {
                continue;
            }
            for (String key : in.fields().keys()) {
                if (!MAPPED.get(in.kind()).contains(key)) {
                    findings.add(new Finding(in.fields().at(key), subject + "." + key, unsupportedField(key)));
                    channel.comment(in.label() + "." + key + " is not imported: " + unsupportedField(key));
                }
            }
            channel.annotate("opsgate.io/alertmanager-receiver", receiver.name)
                    .annotate("opsgate.io/alertmanager-integration", in.label());
            channel.comment("receiver \"" + receiver.name + "\" " + in.label() + " (" + in.fields().position() + ")");
            channels.add(channel);
            result.add(name);
        }
        return result;
    }

    private static String unsupportedField(String key) {
        return switch (key) {
            case "http_config" -> "proxy, TLS and authentication settings of the connection do not carry over";
            case "tls_config" -> "TLS settings do not carry over; the channel verifies the server with the system CAs";
            case "title", "text", "message", "html", "headers", "pretext", "summary", "description", "details",
                 "fields", "footer", "color", "payload" ->
                    "Alertmanager's Go templates are not converted; set spec.templates (Mustache) on the channel";
            default -> "opsgate's channel has no such setting";
        };
    }

    private static String shortType(String kind) {
        return switch (kind) {
            case "email_configs" -> "email";
            case "slack_configs" -> "slack";
            case "webhook_configs" -> "webhook";
            case "pagerduty_configs" -> "pagerduty";
            default -> "teams";
        };
    }

    private static String typeName(String kind) {
        return switch (kind) {
            case "opsgenie_configs" -> "OpsGenie";
            case "victorops_configs" -> "VictorOps";
            case "pushover_configs" -> "Pushover";
            case "sns_configs" -> "Amazon SNS";
            case "telegram_configs" -> "Telegram";
            case "wechat_configs" -> "WeChat";
            case "webex_configs" -> "Webex";
            case "discord_configs" -> "Discord";
            case "jira_configs" -> "Jira";
            case "rocketchat_configs" -> "Rocket.Chat";
            case "mattermost_configs" -> "Mattermost";
            case "incidentio_configs" -> "incident.io";
            default -> kind;
        };
    }

    private Manifest channel(String name, String type, boolean sendResolved) {
        Manifest m = Manifest.of("opsgate.io/v1alpha1", "NotificationChannel", name, options.namespace(), source);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", type);
        spec.put("sendResolved", sendResolved);
        m.put("spec", spec);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Manifest m) {
        return (Map<String, Object>) m.object().get("spec");
    }

    /** A Secret of the channel's name holding {@code values}; the channel references it. */
    private void secret(Manifest channel, Map<String, String> values) {
        Manifest s = Manifest.of("v1", "Secret", channel.name(), options.namespace(), source);
        s.put("type", "Opaque");
        s.put("stringData", new LinkedHashMap<>(values));
        s.comment("credentials of NotificationChannel " + channel.name());
        secrets.add(s);
        spec(channel).put("secretRef", Map.of("name", channel.name()));
    }

    private boolean sendResolved(AmConfig.Integration in, boolean dflt) {
        Boolean b = in.fields().bool("send_resolved");
        return b == null ? dflt : b;
    }

    /** A value given inline or in a file (read relative to the configuration's directory, as Alertmanager does). */
    private String inlineOrFile(AmConfig.Integration in, String key, String fileKey, String globalKey,
                                String globalFileKey, String subject) {
        YamlMap f = in.fields();
        if (f.has(key)) {
            return f.string(key);
        }
        if (fileKey != null && f.has(fileKey)) {
            return readFile(f.string(fileKey), f.at(fileKey), subject + "." + fileKey);
        }
        if (globalKey != null && config.global.containsKey(globalKey)) {
            return config.global.get(globalKey);
        }
        if (globalFileKey != null && config.global.containsKey(globalFileKey)) {
            return readFile(config.global.get(globalFileKey), Position.UNKNOWN, "global." + globalFileKey);
        }
        return null;
    }

    private String readFile(String file, Position at, String subject) {
        Path p = config.baseDir == null ? Path.of(file) : config.baseDir.resolve(file);
        try {
            return Files.readString(p, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            findings.add(new Finding(at, subject, "cannot read " + p + " (" + e.getClass().getSimpleName()
                    + "): the Secret's key is left empty; fill it in before applying"));
            return "";
        }
    }

    /** The integration's own value unless empty, else the global one, as Alertmanager fills its defaults. */
    private String ownOrGlobal(YamlMap f, String key, String globalKey) {
        String own = f.string(key);
        return own != null && !own.isEmpty() ? own : config.global.get(globalKey);
    }

    private static boolean templated(String text) {
        return text != null && text.contains("{{");
    }

    private Manifest email(AmConfig.Integration in, String name, String subject) {
        YamlMap f = in.fields();
        String to = f.string("to");
        String from = ownOrGlobal(f, "from", "smtp_from");
        String smarthost = ownOrGlobal(f, "smarthost", "smtp_smarthost");
        if (templated(to) || templated(from)) {
            findings.add(new Finding(f.position(), subject, "a templated to or from address cannot be imported: "
                    + "opsgate sends to fixed addresses; not imported"));
            return null;
        }
        int colon = smarthost.lastIndexOf(':');
        String host = smarthost.substring(0, colon).replaceAll("^\\[|]$", "");
        int port = Integer.parseInt(smarthost.substring(colon + 1));
        Boolean requireTls = f.bool("require_tls");
        boolean tlsRequired = requireTls != null ? requireTls
                : !"false".equalsIgnoreCase(config.global.getOrDefault("smtp_require_tls", "true"));
        Boolean implicit = f.bool("force_implicit_tls");
        String globalImplicit = config.global.get("smtp_force_implicit_tls");
        boolean implicitTls = implicit != null ? implicit
                : globalImplicit != null ? "true".equalsIgnoreCase(globalImplicit) : port == 465;
        Manifest m = channel(name, "Email", sendResolved(in, false));
        Map<String, Object> email = new LinkedHashMap<>();
        List<String> recipients = new ArrayList<>();
        for (String addr : to.split(",")) {
            if (!addr.isBlank()) {
                recipients.add(addr.strip());
            }
        }
        email.put("to", recipients);
        email.put("from", from);
        email.put("host", host);
        email.put("port", port);
        email.put("security", implicitTls ? "TLS" : tlsRequired ? "StartTLS" : "None");
        spec(m).put("email", email);
        String user = ownOrGlobal(f, "auth_username", "smtp_auth_username");
        if (user != null && !user.isEmpty()) {
            String password = inlineOrFile(in, "auth_password", "auth_password_file", "smtp_auth_password",
                    "smtp_auth_password_file", subject);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("username", user);
            values.put("password", password == null ? "" : password);
            secret(m, values);
        }
        for (String g : List.of("smtp_auth_identity", "smtp_auth_secret", "smtp_hello", "smtp_tls_config")) {
            if (config.global.containsKey(g) && !(g.equals("smtp_hello") && "localhost".equals(config.global.get(g)))) {
                m.comment("global." + g + " is not imported: opsgate's Email channel has no such setting");
            }
        }
        return m;
    }

    private Manifest slack(AmConfig.Integration in, String name, String subject) {
        YamlMap f = in.fields();
        String url = inlineOrFile(in, "api_url", "api_url_file", "slack_api_url", "slack_api_url_file", subject);
        if (url == null) {
            findings.add(new Finding(f.position(), subject, "a Slack app token (chat.postMessage) is not supported: "
                    + "opsgate posts to incoming webhooks; not imported"));
            return null;
        }
        Manifest m = channel(name, "Slack", sendResolved(in, false));
        Map<String, Object> slack = new LinkedHashMap<>();
        if (f.has("channel")) {
            slack.put("channel", f.string("channel"));
        }
        if (f.has("username")) {
            slack.put("username", f.string("username"));
        }
        spec(m).put("slack", slack);
        secret(m, Map.of("url", url));
        return m;
    }

    private Manifest webhook(AmConfig.Integration in, String name, String subject) {
        YamlMap f = in.fields();
        // urlSecret: an AlertmanagerConfig's URL from a Secret, kept in one.
        String url = f.has("urlSecret") ? f.string("urlSecret") : inlineOrFile(in, "url", "url_file", null, null, subject);
        Manifest m = channel(name, "Webhook", sendResolved(in, true));
        Map<String, Object> webhook = new LinkedHashMap<>();
        spec(m).put("webhook", webhook);
        boolean credential = f.has("url_file") || f.has("urlSecret") || carriesCredentials(url);
        if (credential) {
            // A URL with credentials goes into the Secret; a Secret also makes the channel sign its bodies.
            byte[] key = new byte[32];
            random.nextBytes(key);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("url", url);
            values.put("hmacKey", Base64.getUrlEncoder().withoutPadding().encodeToString(key));
            secret(m, values);
            m.comment("the URL carries credentials, so it is in the Secret; with a Secret the channel also signs "
                    + "each body (X-Opsgate-Signature, HMAC-SHA256 under the generated hmacKey)");
        } else {
            webhook.put("url", url);
        }
        findings.add(new Finding(f.position(), subject, "the body is opsgate's webhook JSON (docs/notifications.md), "
                + "not Alertmanager's webhook payload: a receiver written for Alertmanager's format needs adapting"));
        m.comment("the body is opsgate's webhook JSON, not Alertmanager's webhook payload");
        return m;
    }

    private static boolean carriesCredentials(String url) {
        try {
            URI u = URI.create(url);
            return u.getUserInfo() != null || u.getQuery() != null;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private Manifest pagerDuty(AmConfig.Integration in, String name, String subject) {
        YamlMap f = in.fields();
        String key = inlineOrFile(in, "routing_key", "routing_key_file", null, null, subject);
        if (key == null) {
            key = inlineOrFile(in, "service_key", "service_key_file", null, null, subject);
            findings.add(new Finding(f.at(f.has("service_key") ? "service_key" : "service_key_file"), subject,
                    "service_key is for PagerDuty's Events API v1; opsgate sends Events API v2 with it as routingKey: "
                            + "use the integration key of an Events API v2 integration if PagerDuty refuses it"));
        }
        Manifest m = channel(name, "PagerDuty", sendResolved(in, true));
        String url = f.has("url") ? f.string("url") : config.global.getOrDefault("pagerduty_url", DEFAULT_PAGERDUTY_URL);
        if (!DEFAULT_PAGERDUTY_URL.equals(url)) {
            spec(m).put("pagerDuty", Map.of("url", url));
        }
        secret(m, Map.of("routingKey", key));
        return m;
    }

    private Manifest teams(AmConfig.Integration in, String name, String subject) {
        String url = inlineOrFile(in, "webhook_url", "webhook_url_file", null, null, subject);
        Manifest m = channel(name, "Teams", sendResolved(in, true));
        // msteams_configs posts MessageCards (Office 365 connectors), msteamsv2_configs Adaptive Cards (Workflows).
        spec(m).put("teams", Map.of("format", in.kind().equals("msteams_configs") ? "MessageCard" : "AdaptiveCard"));
        secret(m, Map.of("url", url));
        return m;
    }
}
