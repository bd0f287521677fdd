package io.opsgate.engine.notify.delivery;

import io.opsgate.engine.notify.delivery.RetryPolicy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Delivery settings from the environment:
 * <ul>
 *   <li>{@code OPSGATE_NOTIFY_URL}: where ingest finds notify (the operator sets it on ingest);</li>
 *   <li>{@code OPSGATE_INTERNAL_TOKEN_FILE}: the internal token, default {@code /var/run/opsgate/internal/token};</li>
 *   <li>{@code OPSGATE_NOTIFY_MAX_ATTEMPTS}: attempts before a delivery is dead-lettered, default 8;</li>
 *   <li>{@code OPSGATE_EXTERNAL_URL}: the tenant API's URL as people reach it, for ticket links (standalone
 *       defaults to its listen address).</li>
 * </ul>
 *
 * @param notifyUrl         null when unset
 * @param internalTokenFile the internal token's file
 * @param maxAttempts       at least 1
 * @param externalUrl       null when unset
 */
public record NotifySettings(URI notifyUrl, Path internalTokenFile, int maxAttempts, String externalUrl) {

    public static NotifySettings fromEnvironment(Map<String, String> env) {
        String url = env.get("OPSGATE_NOTIFY_URL");
        String token = env.get("OPSGATE_INTERNAL_TOKEN_FILE");
        String attempts = env.get("OPSGATE_NOTIFY_MAX_ATTEMPTS");
        int max = RetryPolicy.DEFAULT_MAX_ATTEMPTS;
        if (attempts != null && !attempts.isBlank()) {
            try {
                max = Integer.parseInt(attempts.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("OPSGATE_NOTIFY_MAX_ATTEMPTS must be a number, got \"" + attempts + "\"");
            }
            if (max < 1 || max > 100) {
                throw new IllegalArgumentException("OPSGATE_NOTIFY_MAX_ATTEMPTS must be 1 to 100");
            }
        }
        String external = env.get("OPSGATE_EXTERNAL_URL");
        return new NotifySettings(url == null || url.isBlank() ? null : URI.create(url.strip()),
                Path.of(token == null || token.isBlank() ? "/var/run/opsgate/internal/token" : token.strip()), max,
                external == null || external.isBlank() ? null : external.strip());
    }
}
