package io.opsgate.engine.importer;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fields of Alertmanager's configuration structs (up to Alertmanager 0.28, taken from its
 * {@code config} and {@code notify} packages), so that a key Alertmanager does not know is refused as it
 * would refuse it.
 */
final class AlertmanagerFields {
    private AlertmanagerFields() {
    }

    static final Set<String> TOP = Set.of("global", "route", "inhibit_rules", "receivers", "templates",
            "mute_time_intervals", "time_intervals", "tracing", "event_recorder");

    static final Set<String> GLOBAL = Set.of("resolve_timeout", "http_config", "jira_api_url", "smtp_from", "smtp_hello",
            "smtp_smarthost", "smtp_auth_username", "smtp_auth_password", "smtp_auth_password_file", "smtp_auth_secret",
            "smtp_auth_secret_file", "smtp_auth_identity", "smtp_require_tls", "smtp_tls_config",
            "smtp_force_implicit_tls", "slack_api_url", "slack_api_url_file", "slack_app_token", "slack_app_token_file",
            "slack_app_url", "pagerduty_url", "opsgenie_api_url", "opsgenie_api_key", "opsgenie_api_key_file",
            "wechat_api_url", "wechat_api_secret", "wechat_api_secret_file", "wechat_api_corp_id", "victorops_api_url",
            "victorops_api_key", "victorops_api_key_file", "telegram_api_url", "telegram_bot_token",
            "telegram_bot_token_file", "webex_api_url", "rocketchat_api_url", "rocketchat_token", "rocketchat_token_file",
            "rocketchat_token_id", "rocketchat_token_id_file", "mattermost_webhook_url", "mattermost_webhook_url_file");

    static final Set<String> ROUTE = Set.of("receiver", "group_by", "match", "match_re", "matchers",
            "mute_time_intervals", "active_time_intervals", "continue", "routes", "group_wait", "group_interval",
            "repeat_interval", "labels");

    static final Set<String> INHIBIT_RULE = Set.of("name", "source_match", "source_match_re", "source_matchers",
            "target_match", "target_match_re", "target_matchers", "equal");

    static final Set<String> TIME_INTERVAL = Set.of("name", "time_intervals");

    static final Set<String> HTTP_CONFIG = Set.of("authorization", "basic_auth", "oauth2", "bearer_token",
            "bearer_token_file", "tls_config", "proxy_url", "no_proxy", "proxy_from_environment", "proxy_connect_header",
            "follow_redirects", "enable_http2", "http_headers");
    static final Set<String> TLS_CONFIG = Set.of("ca", "ca_file", "ca_ref", "cert", "cert_file", "cert_ref", "key",
            "key_file", "key_ref", "server_name", "insecure_skip_verify", "min_version", "max_version");
    static final Set<String> BASIC_AUTH = Set.of("username", "username_file", "username_ref", "password",
            "password_file", "password_ref");
    static final Set<String> AUTHORIZATION = Set.of("type", "credentials", "credentials_file", "credentials_ref");
    static final Set<String> OAUTH2 = Set.of("client_id", "client_secret", "client_secret_file", "client_secret_ref",
            "scopes", "token_url", "endpoint_params", "tls_config", "proxy_url", "no_proxy", "proxy_from_environment",
            "proxy_connect_header");

    /** The integrations a receiver may list, each with its fields (send_resolved added to all). */
    static final Map<String, Set<String>> INTEGRATIONS = Map.ofEntries(
            integration("email_configs", "to", "from", "hello", "smarthost", "auth_username", "auth_password",
                    "auth_password_file", "auth_secret", "auth_secret_file", "auth_identity", "headers", "html", "text",
                    "require_tls", "tls_config", "force_implicit_tls", "threading"),
            integration("slack_configs", "http_config", "api_url", "api_url_file", "app_token", "app_token_file",
                    "app_url", "channel", "username", "color", "title", "title_link", "pretext", "text", "message_text",
                    "fields", "short_fields", "footer", "fallback", "callback_id", "icon_emoji", "icon_url", "image_url",
                    "thumb_url", "link_names", "mrkdwn_in", "actions", "update_message", "timeout"),
            integration("webhook_configs", "http_config", "url", "url_file", "max_alerts", "timeout", "payload"),
            integration("pagerduty_configs", "http_config", "service_key", "service_key_file", "routing_key",
                    "routing_key_file", "url", "client", "client_url", "description", "details", "images", "links",
                    "source", "severity", "class", "component", "group", "timeout"),
            integration("msteams_configs", "http_config", "webhook_url", "webhook_url_file", "title", "summary", "text"),
            integration("msteamsv2_configs", "http_config", "webhook_url", "webhook_url_file", "title", "text"),
            integration("opsgenie_configs", "http_config", "api_key", "api_key_file", "api_url", "message", "description",
                    "source", "details", "entity", "responders", "actions", "tags", "note", "priority", "update_alerts"),
            integration("victorops_configs", "http_config", "api_key", "api_key_file", "api_url", "routing_key",
                    "message_type", "state_message", "entity_display_name", "monitoring_tool", "custom_fields"),
            integration("pushover_configs", "http_config", "user_key", "user_key_file", "token", "token_file", "title",
                    "message", "url", "url_title", "device", "sound", "priority", "retry", "expire", "ttl", "html",
                    "monospace"),
            integration("sns_configs", "http_config", "api_url", "sigv4", "topic_arn", "phone_number", "target_arn",
                    "subject", "message", "attributes", "use_aws_http_client"),
            integration("telegram_configs", "http_config", "api_url", "bot_token", "bot_token_file", "chat_id",
                    "chat_id_file", "message_thread_id", "message", "disable_notifications", "parse_mode"),
            integration("wechat_configs", "http_config", "api_secret", "api_secret_file", "corp_id", "message", "api_url",
                    "to_user", "to_party", "to_tag", "agent_id", "message_type"),
            integration("webex_configs", "http_config", "api_url", "message", "room_id"),
            integration("discord_configs", "http_config", "webhook_url", "webhook_url_file", "content", "title",
                    "message", "username", "avatar_url"),
            integration("jira_configs", "http_config", "api_url", "api_type", "project", "summary", "description",
                    "labels", "priority", "issue_type", "reopen_transition", "resolve_transition", "wont_fix_resolution",
                    "reopen_duration", "fields"),
            integration("rocketchat_configs", "http_config", "api_url", "token_id", "token_id_file", "token",
                    "token_file", "channel", "color", "title", "title_link", "text", "fields", "short_fields", "emoji",
                    "icon_url", "image_url", "thumb_url", "link_names", "actions"),
            integration("mattermost_configs", "http_config", "webhook_url", "webhook_url_file", "channel", "username",
                    "text", "fallback", "color", "pretext", "author_name", "author_link", "author_icon", "title",
                    "title_link", "fields", "thumb_url", "footer", "footer_icon", "image_url", "icon_url", "icon_emoji",
                    "attachments", "type", "props", "priority"),
            integration("incidentio_configs", "http_config", "url", "url_file", "alert_source_token",
                    "alert_source_token_file", "max_alerts", "timeout"));

    static final Set<String> RECEIVER;

    static {
        Set<String> fields = new HashSet<>(INTEGRATIONS.keySet());
        fields.add("name");
        fields.add("labels");
        RECEIVER = Set.copyOf(fields);
    }

    private static Map.Entry<String, Set<String>> integration(String kind, String... fields) {
        Set<String> all = new HashSet<>(Set.of(fields));
        all.add("send_resolved");
        return Map.entry(kind, Set.copyOf(all));
    }
}
