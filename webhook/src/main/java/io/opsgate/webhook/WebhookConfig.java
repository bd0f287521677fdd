package io.opsgate.webhook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the webhook listens and where its certificate is, from the environment the chart sets.
 *
 * @param host              address both servers bind to
 * @param httpsPort         the admission port (the Service opsgate-webhook targets it)
 * @param httpPort          the plain port of /healthz, /readyz and /metrics
 * @param certificate       PEM certificate (chain) mounted from the TLS Secret
 * @param key               PEM private key mounted from the TLS Secret
 * @param tlsReloadInterval how often the certificate files are checked for a change
 */
public record WebhookConfig(String host, int httpsPort, int httpPort, Path certificate, Path key,
                            Duration tlsReloadInterval) {

    public static final int DEFAULT_HTTPS_PORT = 8443;
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final String DEFAULT_TLS_DIR = "/etc/opsgate/webhook-tls";
    public static final int DEFAULT_TLS_RELOAD_SECONDS = 10;

    /**
     * Reads {@code OPSGATE_WEBHOOK_HOST} (0.0.0.0), {@code OPSGATE_WEBHOOK_PORT} (8443),
     * {@code OPSGATE_HTTP_PORT} (8080), {@code OPSGATE_WEBHOOK_TLS_DIR} (/etc/opsgate/webhook-tls, holding
     * tls.crt and tls.key) and {@code OPSGATE_WEBHOOK_TLS_RELOAD_SECONDS} (10).
     *
     * @throws IllegalArgumentException naming the variable that holds a bad value
     */
    public static WebhookConfig fromEnvironment(Map<String, String> env) {
        String host = env.getOrDefault("OPSGATE_WEBHOOK_HOST", "0.0.0.0");
        int https = number(env, "OPSGATE_WEBHOOK_PORT", DEFAULT_HTTPS_PORT, 1, 65535);
        int http = number(env, "OPSGATE_HTTP_PORT", DEFAULT_HTTP_PORT, 1, 65535);
        if (https == http) {
            throw new IllegalArgumentException("OPSGATE_WEBHOOK_PORT and OPSGATE_HTTP_PORT must differ; both are " + http);
        }
        Path dir = Path.of(env.getOrDefault("OPSGATE_WEBHOOK_TLS_DIR", DEFAULT_TLS_DIR));
        int reload = number(env, "OPSGATE_WEBHOOK_TLS_RELOAD_SECONDS", DEFAULT_TLS_RELOAD_SECONDS, 1, 3600);
        return new WebhookConfig(host, https, http, dir.resolve("tls.crt"), dir.resolve("tls.key"),
                Duration.ofSeconds(reload));
    }

    private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + "=" + value + " is out of range; allowed " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a number; allowed " + min + " to " + max);
        }
    }
}
