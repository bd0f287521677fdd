package io.opsgate.webhook.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.Tenant;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Fabric8 reader against a stand-in API server on 127.0.0.1 that answers the requests a real
 * one would get: the paths and the paging of counts are checked.
 */
class KubernetesClusterReaderIT {

    private static final String NS = "/apis/opsgate.io/v1alpha1/namespaces/opsgate-demo/";
    private static Vertx vertx;
    private static HttpServer api;
    private static KubernetesClient client;
    private static final Map<String, Integer> REQUESTS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = vertx.createHttpServer().requestHandler(req -> {
            String key = req.path() + (req.query() == null ? "" : "?" + req.query());
            REQUESTS.merge(key, 1, Integer::sum);
            JsonObject body = switch (req.path()) {
                case "/apis/opsgate.io/v1alpha1/tenants" -> list("TenantList", List.of(item("Tenant", "demo", null),
                        item("Tenant", "acme", null).put("spec", new JsonObject().put("namespace", "acme-alerts"))), null);
                case NS + "opsjobs" -> list("OpsJobList", List.of(item("OpsJob", "backup", "opsgate-demo")
                        .put("spec", new JsonObject().put("dependsOn", new JsonArray().add("restore")))), null);
                case NS + "alertrules" -> list("AlertRuleList", List.of(item("AlertRule", "r0", "opsgate-demo")),
                        new JsonObject().put("continue", "next").put("remainingItemCount", 41));
                case NS + "monitors" -> "1".equals(req.getParam("limit"))
                        ? list("MonitorList", List.of(item("Monitor", "m0", "opsgate-demo")), new JsonObject().put("continue", "next"))
                        : list("MonitorList", List.of(item("Monitor", "m0", "opsgate-demo"), item("Monitor", "m1", "opsgate-demo"),
                        item("Monitor", "m2", "opsgate-demo")), null);
                default -> null;
            };
            if (body == null) {
                req.response().setStatusCode(404).end("{}");
            } else {
                req.response().putHeader("Content-Type", "application/json").end(body.encode());
            }
        }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        client = client("http://127.0.0.1:" + api.actualPort());
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private final ClusterReader reader = new KubernetesClusterReader(client);

    @Test
    void listsTenantsAndTheOpsJobsAndAlertRulesOfANamespace() {
        List<Tenant> tenants = reader.tenants();
        assertThat(tenants).extracting(Tenant::namespaceName).containsExactly("opsgate-demo", "acme-alerts");
        List<OpsJob> jobs = reader.opsJobs("opsgate-demo");
        assertThat(jobs).singleElement().satisfies(j -> assertThat(j.getSpec().dependsOn).containsExactly("restore"));
        assertThat(reader.alertRules("opsgate-demo")).extracting(r -> r.getMetadata().getName()).containsExactly("r0");
    }

    @Test
    void countsFromOnePageWhenTheApiServerTellsWhatRemains() {
        REQUESTS.clear();
        assertThat(reader.count(AlertRule.class, "opsgate-demo")).isEqualTo(42);
        assertThat(REQUESTS).containsOnlyKeys("/apis/opsgate.io/v1alpha1/namespaces/opsgate-demo/alertrules?limit=1");
    }

    @Test
    void countsByListingWhenTheApiServerDoesNotTell() {
        assertThat(reader.count(Monitor.class, "opsgate-demo")).isEqualTo(3);
    }

    @Test
    void anUnreachableApiServerIsAClusterReadException() {
        try (KubernetesClient down = client("http://127.0.0.1:1")) {
            ClusterReader r = new KubernetesClusterReader(down);
            assertThatThrownBy(r::tenants).isInstanceOf(ClusterReadException.class);
        }
    }

    private static KubernetesClient client(String url) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withRequestTimeout(5000)
                .withConnectionTimeout(2000)
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static JsonObject list(String kind, List<JsonObject> items, JsonObject meta) {
        JsonObject m = meta == null ? new JsonObject() : meta;
        m.put("resourceVersion", "7");
        return new JsonObject().put("apiVersion", "opsgate.io/v1alpha1").put("kind", kind).put("metadata", m)
                .put("items", new JsonArray(items));
    }

    private static JsonObject item(String kind, String name, String namespace) {
        JsonObject meta = new JsonObject().put("name", name);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        return new JsonObject().put("apiVersion", "opsgate.io/v1alpha1").put("kind", kind).put("metadata", meta);
    }
}
