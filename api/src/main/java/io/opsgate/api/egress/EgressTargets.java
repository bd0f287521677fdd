package io.opsgate.api.egress;

import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.validation.Reasons;
import io.opsgate.api.validation.ValidationResult;

import java.net.URI;
import java.util.Locale;

/**
 * The destinations a Monitor or a NotificationChannel names in its spec, checked against the tenant's
 * {@link EgressPolicy} before they run: an IP literal outside the grant (or in a guarded range the grant does not
 * name) leaves the object out of the compiled configuration with reason {@code EgressNotGranted}, on the field
 * that names it. Host names are checked by the engine when it connects; URLs that live in Secrets (Slack, Teams,
 * a secret webhook URL) too.
 */
public final class EgressTargets {
    static final int DNS_PORT = 53;

    private EgressTargets() {
    }

    /** Checks a valid Monitor's target. */
    public static void monitor(MonitorSpec spec, EgressPolicy policy, ValidationResult r) {
        if (spec == null || spec.type == null) {
            return;
        }
        switch (spec.type) {
            case HTTP -> url(spec.http == null ? null : spec.http.url, "spec.http.url", policy, r);
            case PrometheusQuery -> url(spec.prometheusQuery == null ? null : spec.prometheusQuery.url,
                    "spec.prometheusQuery.url", policy, r);
            case TCP -> {
                if (spec.tcp != null && spec.tcp.port != null) {
                    host(spec.tcp.host, spec.tcp.port, "spec.tcp.host", policy, r);
                }
            }
            case TLS -> {
                if (spec.tls != null) {
                    host(spec.tls.host, spec.tls.port == null ? 443 : spec.tls.port, "spec.tls.host", policy, r);
                }
            }
            case DNS -> {
                if (spec.dns != null && spec.dns.server != null && !spec.dns.server.isBlank()) {
                    HostPort server = HostPort.parse(spec.dns.server, DNS_PORT);
                    host(server.host(), server.port(), "spec.dns.server", policy, r);
                }
            }
            default -> {
            }
        }
    }

    /** Checks a valid NotificationChannel's destination, when its spec names one. */
    public static void channel(NotificationChannelSpec spec, EgressPolicy policy, ValidationResult r) {
        if (spec == null || spec.type == null) {
            return;
        }
        switch (spec.type) {
            case Webhook -> url(spec.webhook == null ? null : spec.webhook.url, "spec.webhook.url", policy, r);
            case PagerDuty -> url(spec.pagerDuty == null ? null : spec.pagerDuty.url, "spec.pagerDuty.url", policy, r);
            case CallOut -> url(spec.callOut == null ? null : spec.callOut.url, "spec.callOut.url", policy, r);
            case Email -> {
                if (spec.email != null) {
                    host(spec.email.host, spec.email.port == null ? 587 : spec.email.port, "spec.email.host", policy, r);
                }
            }
            default -> {
            }
        }
    }

    private static void url(String url, String path, EgressPolicy policy, ValidationResult r) {
        if (url == null) {
            return;
        }
        URI u;
        try {
            u = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return;
        }
        if (u.getHost() == null || u.getScheme() == null) {
            return;
        }
        int port = u.getPort() > 0 ? u.getPort() : u.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
        host(u.getHost(), port, path, policy, r);
    }

    private static void host(String host, int port, String path, EgressPolicy policy, ValidationResult r) {
        String refusal = policy.refusalOfLiteral(host, port);
        if (refusal != null) {
            r.add(path, Reasons.EGRESS_NOT_GRANTED, refusal);
        }
    }
}
