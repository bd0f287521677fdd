package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.opsgate.api.v1alpha1.OpsgateApi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Secret {@code opsgate-prometheus} in the tenant namespace: everything a Prometheus or an Alertmanager
 * needs to send this tenant's alerts to its ingest, ready to use. Ingest serves HTTPS with the tenant CA and
 * takes a bearer token, so the Secret holds the CA ({@code ca.crt}), an Ingest-scoped token ({@code token}) and:
 * <ul>
 *   <li>{@code alertmanagers.yaml}: a Prometheus {@code alerting.alertmanagers} list (scheme https, CA file,
 *       bearer token file, path prefix, the ingest Service as static target), also the form Prometheus
 *       Operator's {@code additionalAlertmanagerConfigs} takes;</li>
 *   <li>{@code alertmanager-receiver.yaml}: an Alertmanager receiver forwarding to ingest's webhook route
 *       ({@code webhook_configs} with {@code http_config});</li>
 *   <li>{@code prometheus-operator-alerting.yaml}, when the Prometheus Operator's CRDs are installed: the
 *       {@code Prometheus.spec.alerting} stanza that uses the Secret's keys.</li>
 * </ul>
 * The files are referenced under {@link #mountDir}: the path at which Prometheus Operator mounts a Secret listed
 * in {@code Prometheus.spec.secrets} once the Secret is copied to Prometheus' namespace as
 * {@code opsgate-<tenant>-prometheus} (docs/gitops.md). A pure function of its inputs.
 */
public final class PrometheusAlertingBuilder {

    public static final String SECRET = "opsgate-prometheus";
    public static final String ALERTMANAGERS = "alertmanagers.yaml";
    public static final String RECEIVER = "alertmanager-receiver.yaml";
    public static final String PROMETHEUS_OPERATOR = "prometheus-operator-alerting.yaml";
    public static final String CA = "ca.crt";
    public static final String TOKEN = "token";

    /**
     * @param caPem             the CA senders verify ingest's certificate with
     * @param token             an API token with the Ingest scope
     * @param prometheusOperator whether the Prometheus Operator's CRDs are installed
     */
    public record Inputs(String caPem, String token, boolean prometheusOperator) {
    }

    private PrometheusAlertingBuilder() {
    }

    /** The name under which the Secret is copied to the namespace of Prometheus or Alertmanager. */
    public static String copyName(DesiredTenant d) {
        return "opsgate-" + d.tenantName() + "-prometheus";
    }

    /** Where Prometheus Operator mounts that copy in Prometheus (and Alertmanager) pods. */
    public static String mountDir(DesiredTenant d, String component) {
        return "/etc/" + component + "/secrets/" + copyName(d);
    }

    public static Secret build(DesiredTenant d, Inputs in) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CA, in.caPem());
        data.put(TOKEN, in.token());
        data.put(ALERTMANAGERS, alertmanagers(d, mountDir(d, "prometheus")));
        data.put(RECEIVER, receiver(d, mountDir(d, "alertmanager")));
        if (in.prometheusOperator()) {
            data.put(PROMETHEUS_OPERATOR, prometheusOperatorAlerting(d));
        }
        ObjectMeta meta = d.meta(SECRET, "prometheus-wiring");
        // It holds an Ingest token and the tenant CA: opsgate's own, so no tenant object may mount it (issue 13).
        meta.getLabels().put(OpsgateApi.MANAGED_SECRET_LABEL, "true");
        SecretBuilder b = new SecretBuilder().withMetadata(meta).withType("Opaque");
        data.forEach((k, v) -> b.addToData(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return b.build();
    }

    /** The host name ingest's certificate carries and senders verify. */
    static String serviceHost(DesiredTenant d) {
        return Workload.INGEST.objectName() + "." + d.namespace() + ".svc";
    }

    /** A Prometheus {@code alerting.alertmanagers} list, with the CA and token read from {@code dir}. */
    public static String alertmanagers(DesiredTenant d, String dir) {
        return "# opsgate tenant " + d.tenantName() + ": Prometheus alerting.alertmanagers (also additionalAlertmanagerConfigs)\n"
                + "- scheme: https\n"
                + "  path_prefix: /\n"
                + "  api_version: v2\n"
                + "  timeout: 10s\n"
                + "  tls_config:\n"
                + "    ca_file: " + dir + "/" + CA + "\n"
                + "    server_name: " + serviceHost(d) + "\n"
                + "  authorization:\n"
                + "    type: Bearer\n"
                + "    credentials_file: " + dir + "/" + TOKEN + "\n"
                + "  static_configs:\n"
                + "    - targets: ['" + serviceHost(d) + ":" + Workload.INGEST.httpPort() + "']\n";
    }

    /** An Alertmanager receiver that forwards every notification to ingest's Alertmanager-webhook route. */
    public static String receiver(DesiredTenant d, String dir) {
        return "# opsgate tenant " + d.tenantName() + ": an Alertmanager receiver forwarding to opsgate\n"
                + "name: opsgate-" + d.tenantName() + "\n"
                + "webhook_configs:\n"
                + "  - url: https://" + serviceHost(d) + ":" + Workload.INGEST.httpPort() + "/api/v1/webhooks/alertmanager\n"
                + "    send_resolved: true\n"
                + "    max_alerts: 0\n"
                + "    http_config:\n"
                + "      authorization:\n"
                + "        type: Bearer\n"
                + "        credentials_file: " + dir + "/" + TOKEN + "\n"
                + "      tls_config:\n"
                + "        ca_file: " + dir + "/" + CA + "\n"
                + "        server_name: " + serviceHost(d) + "\n";
    }

    /**
     * The Prometheus Operator's {@code Prometheus.spec.alerting}: ingest's Service as an Alertmanager endpoint,
     * the CA and token from the copied Secret. Prometheus then needs to list the Service's endpoints in the tenant
     * namespace, and the Tenant's {@code spec.ingest.allowedNamespaces} must name Prometheus' namespace.
     */
    static String prometheusOperatorAlerting(DesiredTenant d) {
        String secret = copyName(d);
        return "# opsgate tenant " + d.tenantName() + ": Prometheus.spec.alerting (Prometheus Operator)\n"
                + "alerting:\n"
                + "  alertmanagers:\n"
                + "    - namespace: " + d.namespace() + "\n"
                + "      name: " + Workload.INGEST.objectName() + "\n"
                + "      port: http\n"
                + "      scheme: https\n"
                + "      pathPrefix: /\n"
                + "      apiVersion: v2\n"
                + "      tlsConfig:\n"
                + "        serverName: " + serviceHost(d) + "\n"
                + "        ca:\n"
                + "          secret: {name: " + secret + ", key: " + CA + "}\n"
                + "      authorization:\n"
                + "        type: Bearer\n"
                + "        credentials:\n"
                + "          name: " + secret + "\n"
                + "          key: " + TOKEN + "\n";
    }
}
