package io.opsgate.operator.tenant.model;

import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.api.validation.Cidrs;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The destinations the tenant's monitors connect to, from which the operator derives the ingest workload's
 * egress NetworkPolicy: HTTP(S), TLS, TCP and Prometheus targets by host and port, DNS monitors by their
 * server (UDP and TCP). Heartbeats connect nowhere; a DNS monitor without a server asks the cluster DNS,
 * which ingest may reach anyway. A pure function of the compiled monitors; unreadable targets are left
 * out (the compiler already reported them).
 */
public final class MonitorTargets {
    static final int DNS_PORT = 53;

    private MonitorTargets() {
    }

    public static List<MonitorTarget> of(List<NamedSpec<MonitorSpec>> monitors) {
        Set<MonitorTarget> targets = new LinkedHashSet<>();
        for (NamedSpec<MonitorSpec> m : monitors) {
            MonitorSpec s = m.spec;
            if (s == null || s.type == null) {
                continue;
            }
            switch (s.type) {
                case HTTP -> url(s.http == null ? null : s.http.url, targets);
                case PrometheusQuery -> url(s.prometheusQuery == null ? null : s.prometheusQuery.url, targets);
                case TCP -> {
                    if (s.tcp != null && s.tcp.port != null) {
                        add(s.tcp.host, s.tcp.port, "TCP", targets);
                    }
                }
                case TLS -> {
                    if (s.tls != null) {
                        add(s.tls.host, s.tls.port == null ? 443 : s.tls.port, "TCP", targets);
                    }
                }
                case DNS -> dns(s, targets);
                default -> {
                }
            }
        }
        return new ArrayList<>(targets);
    }

    private static void dns(MonitorSpec s, Set<MonitorTarget> targets) {
        if (s.dns == null || s.dns.server == null || s.dns.server.isBlank()) {
            return;
        }
        String server = s.dns.server.trim();
        String host = server;
        int port = DNS_PORT;
        if (server.startsWith("[")) {
            int end = server.indexOf(']');
            host = server.substring(1, Math.max(1, end));
            port = end > 0 && server.length() > end + 2 ? parsePort(server.substring(end + 2), DNS_PORT) : DNS_PORT;
        } else if (server.chars().filter(c -> c == ':').count() == 1) {
            host = server.substring(0, server.indexOf(':'));
            port = parsePort(server.substring(server.indexOf(':') + 1), DNS_PORT);
        }
        add(host, port, "UDP", targets);
        add(host, port, "TCP", targets);
    }

    private static void url(String url, Set<MonitorTarget> targets) {
        if (url == null) {
            return;
        }
        try {
            URI u = URI.create(url.trim());
            if (u.getHost() == null || u.getScheme() == null) {
                return;
            }
            String host = u.getHost().startsWith("[") ? u.getHost().substring(1, u.getHost().length() - 1) : u.getHost();
            int port = u.getPort() > 0 ? u.getPort() : u.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
            add(host, port, "TCP", targets);
        } catch (IllegalArgumentException e) {
            // not a URL: the Monitor's status says so
        }
    }

    private static void add(String host, int port, String protocol, Set<MonitorTarget> targets) {
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            return;
        }
        String h = host.trim();
        String cidr;
        try {
            Cidrs.parse(h);
            cidr = h + (h.contains(":") ? "/128" : "/32");
        } catch (IllegalArgumentException aHostName) {
            cidr = null;
        }
        targets.add(new MonitorTarget(h, cidr, port, protocol));
    }

    private static int parsePort(String text, int fallback) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
