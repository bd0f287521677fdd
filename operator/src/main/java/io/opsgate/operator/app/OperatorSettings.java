package io.opsgate.operator.app;

import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.validation.Cidrs;
import io.opsgate.operator.tenant.model.TenantPlatform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The operator's configuration, read from environment variables (docs/operator.md lists them). Bad
 * values fail the start with a message naming the variable, instead of surfacing later as a puzzle.
 *
 * @param watchNamespaces  WATCH_NAMESPACES: tenant namespaces the operator manages; empty means all
 * @param platform         OPSGATE_ENGINE_IMAGE: image of the ingest and notify containers (required);
 *                         OPSGATE_MONITORING_NAMESPACE: the namespace whose pods may scrape the tenants' metrics;
 *                         OPSGATE_EXTERNAL_URL_TEMPLATE: a tenant's external URL when its Tenant names none
 * @param logLevel         OPSGATE_LOG_LEVEL: TRACE, DEBUG, INFO (default), WARN or ERROR
 * @param leaderElection   OPSGATE_LEADER_ELECTION: true (default) or false
 * @param podNamespace     POD_NAMESPACE: where the leader-election Lease lives (required with leader election)
 * @param podName          POD_NAME (or HOSTNAME): this instance's identity in the Lease and in Events
 * @param httpPort         OPSGATE_HTTP_PORT: port of /metrics, /healthz and /readyz (default 8080)
 * @param clusterNetworks  OPSGATE_CLUSTER_NETWORKS: comma-separated CIDRs of the cluster (service and pod ranges)
 *                         that tenants' monitors and channels reach only where a Tenant's spec.egress names them;
 *                         default every private range ({@link EgressGuard#PRIVATE_NETWORKS})
 */
public record OperatorSettings(Set<String> watchNamespaces,
                               TenantPlatform platform,
                               String logLevel,
                               boolean leaderElection,
                               String podNamespace,
                               String podName,
                               int httpPort,
                               List<String> clusterNetworks) {

    public static final String WATCH_NAMESPACES = "WATCH_NAMESPACES";
    public static final String ENGINE_IMAGE = "OPSGATE_ENGINE_IMAGE";
    public static final String LOG_LEVEL = "OPSGATE_LOG_LEVEL";
    public static final String LEADER_ELECTION = "OPSGATE_LEADER_ELECTION";
    public static final String POD_NAMESPACE = "POD_NAMESPACE";
    public static final String POD_NAME = "POD_NAME";
    public static final String HTTP_PORT = "OPSGATE_HTTP_PORT";
    public static final String CLUSTER_NETWORKS = "OPSGATE_CLUSTER_NETWORKS";
    public static final String MONITORING_NAMESPACE = "OPSGATE_MONITORING_NAMESPACE";
    public static final String EXTERNAL_URL_TEMPLATE = "OPSGATE_EXTERNAL_URL_TEMPLATE";
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    private static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    public OperatorSettings {
        watchNamespaces = Set.copyOf(watchNamespaces);
        clusterNetworks = List.copyOf(clusterNetworks);
    }

    /** The given platform settings and the default cluster networks (tests and tools that do not read the environment). */
    public OperatorSettings(Set<String> watchNamespaces, TenantPlatform platform, String logLevel, boolean leaderElection,
                            String podNamespace, String podName, int httpPort) {
        this(watchNamespaces, platform, logLevel, leaderElection, podNamespace, podName, httpPort,
                EgressGuard.PRIVATE_NETWORKS);
    }

    /** Only an engine image as the tenants' platform settings, and the default cluster networks. */
    public OperatorSettings(Set<String> watchNamespaces, String engineImage, String logLevel, boolean leaderElection,
                            String podNamespace, String podName, int httpPort) {
        this(watchNamespaces, TenantPlatform.of(engineImage), logLevel, leaderElection, podNamespace, podName, httpPort);
    }

    /** The image of the tenants' ingest and notify containers. */
    public String engineImage() {
        return platform.engineImage();
    }

    /** Reads the settings; every problem is reported at once. */
    public static OperatorSettings fromEnv(Map<String, String> env) {
        List<String> errors = new ArrayList<>();
        Set<String> namespaces = new LinkedHashSet<>();
        for (String ns : value(env, WATCH_NAMESPACES, "").split(",")) {
            String n = ns.trim();
            if (n.isEmpty()) {
                continue;
            }
            if (n.length() > 63 || !n.matches(DNS_LABEL)) {
                errors.add(WATCH_NAMESPACES + ": \"" + n + "\" is not a namespace name");
            }
            namespaces.add(n);
        }
        String image = value(env, ENGINE_IMAGE, "");
        if (image.isEmpty()) {
            errors.add(ENGINE_IMAGE + " is required: the image of the tenants' ingest and notify containers");
        }
        String level = value(env, LOG_LEVEL, "INFO").toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            errors.add(LOG_LEVEL + ": \"" + level + "\" is not one of TRACE, DEBUG, INFO, WARN, ERROR");
        }
        String election = value(env, LEADER_ELECTION, "true").toLowerCase(Locale.ROOT);
        if (!election.equals("true") && !election.equals("false")) {
            errors.add(LEADER_ELECTION + ": \"" + election + "\" is not true or false");
        }
        String podNamespace = value(env, POD_NAMESPACE, "");
        if (election.equals("true") && podNamespace.isEmpty()) {
            errors.add(POD_NAMESPACE + " is required with leader election (the Lease lives there); set it, or set "
                    + LEADER_ELECTION + "=false to run a single instance");
        }
        String podName = value(env, POD_NAME, value(env, "HOSTNAME", "opsgate-operator"));
        int port = -1;
        String portText = value(env, HTTP_PORT, "8080");
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            // reported below
        }
        if (port < 0 || port > 65535) {
            errors.add(HTTP_PORT + ": \"" + portText + "\" is not a port number (0-65535)");
        }
        List<String> networks = new ArrayList<>();
        String networksText = env.get(CLUSTER_NETWORKS);
        if (networksText == null || networksText.isBlank()) {
            networks.addAll(EgressGuard.PRIVATE_NETWORKS);
        } else {
            for (String n : networksText.split(",")) {
                if (n.isBlank()) {
                    continue;
                }
                try {
                    Cidrs.parse(n.trim());
                    networks.add(n.trim());
                } catch (IllegalArgumentException e) {
                    errors.add(CLUSTER_NETWORKS + ": " + e.getMessage());
                }
            }
        }
        String monitoring = value(env, MONITORING_NAMESPACE, "");
        if (!monitoring.isEmpty() && (monitoring.length() > 63 || !monitoring.matches(DNS_LABEL))) {
            errors.add(MONITORING_NAMESPACE + ": \"" + monitoring + "\" is not a namespace name");
        }
        String template = value(env, EXTERNAL_URL_TEMPLATE, "");
        if (!template.isEmpty() && !template.replace("{tenant}", "t").replace("{namespace}", "n")
                .matches("^https?://[^\\s/?#{}]+(/[^\\s?#{}]*)?$")) {
            errors.add(EXTERNAL_URL_TEMPLATE + ": \"" + template + "\" is not an http(s) URL; it may hold {tenant} "
                    + "and {namespace}, e.g. https://opsgate.example.com/{tenant}");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        TenantPlatform platform = new TenantPlatform(image, monitoring.isEmpty() ? null : monitoring,
                template.isEmpty() ? null : template);
        return new OperatorSettings(namespaces, platform, level, election.equals("true"), podNamespace, podName, port,
                networks);
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
