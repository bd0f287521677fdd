package io.opsgate.webhook;

import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.validation.Cidrs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * @param clusterNetworks   the cluster's networks a Tenant's spec.egress must name itself (chart value clusterNetworks)
 */
public record WebhookConfig(String host, int httpsPort, int httpPort, Path certificate, Path key,
                            Duration tlsReloadInterval, List<String> clusterNetworks) {

    public static final int DEFAULT_HTTPS_PORT = 8443;
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final String DEFAULT_TLS_DIR = "/etc/opsgate/webhook-tls";
    public static final int DEFAULT_TLS_RELOAD_SECONDS = 10;

    public WebhookConfig {
        clusterNetworks = List.copyOf(clusterNetworks);
    }

    /** With the default cluster networks, every private range. */
    public WebhookConfig(String host, int httpsPort, int httpPort, Path certificate, Path key, Duration tlsReloadInterval) {
        this(host, httpsPort, httpPort, certificate, key, tlsReloadInterval, EgressGuard.PRIVATE_NETWORKS);
    }

    /**
     * Reads {@code OPSGATE_WEBHOOK_HOST} (0.0.0.0), {@code OPSGATE_WEBHOOK_PORT} (8443),
     * {@code OPSGATE_HTTP_PORT} (8080), {@code OPSGATE_WEBHOOK_TLS_DIR} (/etc/opsgate/webhook-tls, holding
     * tls.crt and tls.key), {@code OPSGATE_WEBHOOK_TLS_RELOAD_SECONDS} (10) and {@code OPSGATE_CLUSTER_NETWORKS}
     * (comma-separated CIDRs; every private range when unset).
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
                Duration.ofSeconds(reload), networks(env.get("OPSGATE_CLUSTER_NETWORKS")));
    }

    private static List<String> networks(String text) {
        if (text == null || text.isBlank()) {
            return EgressGuard.PRIVATE_NETWORKS;
        }
        List<String> result = new ArrayList<>();
        for (String n : text.split(",")) {
            if (!n.isBlank()) {
                try {
                    Cidrs.parse(n.trim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("OPSGATE_CLUSTER_NETWORKS: " + e.getMessage());
                }
                result.add(n.trim());
            }
        }
        return result;
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
