package io.opsgate.engine.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.support.ConfigDir;
import io.opsgate.engine.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GET /api/v2/alerts/groups against Debian's Alertmanager 0.25 with an equivalent configuration (a routing tree with
 * continue, nested group_by, an inhibit rule, a silence): the same alerts posted to both give the same groups —
 * labels, receiver, alerts in order with their fingerprints, receivers and states — and the same JSON field names
 * and types. What legitimately differs is left out: times, and opsgate's own additions (the {@code opsgate} object,
 * {@code status.mutedBy} of later Alertmanager versions).
 */
class AlertGroupsIT {
    @TempDir
    Path dir;

    static final String AM = """
            route:
              receiver: default
              group_by: [alertname]
              group_wait: 1h
              routes:
                - matchers: ['severity="critical"']
                  receiver: pager
                  group_by: [alertname, instance]
                  continue: true
                - matchers: ['team="db"']
                  receiver: dba
                  group_by: [service]
            receivers: [{name: default}, {name: pager}, {name: dba}]
            inhibit_rules:
              - source_matchers: ['severity="critical"']
                target_matchers: ['severity="warning"']
                equal: [instance]
            """;

    static final String OPSGATE = """
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: acme}
            spec:
              egress: [{cidr: 127.0.0.1/32}]
              apiTokens:
                - {name: all, scopes: [Ingest, Read, Admin]}
            ---
            %s
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: AlertRule
            metadata: {name: root, namespace: opsgate-acme}
            spec:
              order: 100
              actions:
                notify: {channels: [default], groupBy: [alertname], groupWait: 1h}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: AlertRule
            metadata: {name: pager, namespace: opsgate-acme}
            spec:
              parent: root
              order: 1
              matchers: ['severity="critical"']
              continue: true
              actions:
                notify: {channels: [pager], groupBy: [alertname, instance], groupWait: 1h}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: AlertRule
            metadata: {name: dba, namespace: opsgate-acme}
            spec:
              parent: root
              order: 2
              matchers: ['team="db"']
              actions:
                notify: {channels: [dba], groupBy: [service], groupWait: 1h}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: AlertRule
            metadata: {name: critical-mutes-warning, namespace: opsgate-acme}
            spec:
              order: 10
              matchers: ['severity="critical"']
              inhibit:
                targetMatchers: ['severity="warning"']
                equal: [instance]
            """;

    static String channel(String name) {
        return """
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: %s, namespace: opsgate-acme}
                spec:
                  type: Webhook
                  webhook: {url: "http://127.0.0.1:9/%s"}
                """.formatted(name, name);
    }

    static final String ALERTS = """
            [{"labels": {"alertname": "NodeDown", "severity": "critical", "instance": "db-1", "team": "db", "service": "postgres"},
              "annotations": {"summary": "db-1 is down"}, "generatorURL": "http://prometheus/graph?g0.expr=up"},
             {"labels": {"alertname": "Lag", "severity": "warning", "instance": "db-1", "team": "db", "service": "postgres"},
              "generatorURL": "http://prometheus/graph?g0.expr=lag"},
             {"labels": {"alertname": "Lag", "severity": "warning", "instance": "db-2", "team": "db", "service": "postgres",
                         "job": "postgres"},
              "generatorURL": "http://prometheus/graph?g0.expr=lag"},
             {"labels": {"alertname": "Lag", "severity": "warning", "instance": "web-1"},
              "generatorURL": "http://prometheus/graph?g0.expr=lag"},
             {"labels": {"alertname": "DiskFull", "severity": "critical", "instance": "web-1"},
              "generatorURL": "http://prometheus/graph?g0.expr=disk"},
             {"labels": {"alertname": "Backup", "severity": "info", "instance": "web-2"},
              "generatorURL": "http://prometheus/graph?g0.expr=backup"}]
            """;

    /** Mutes the Backup alert on both sides: silenced, and left out with silenced=false. */
    static final String SILENCE = """
            {"matchers": [{"name": "alertname", "value": "Backup", "isRegex": false, "isEqual": true}],
             "startsAt": "2020-01-01T00:00:00Z", "endsAt": "2099-01-01T00:00:00Z", "createdBy": "test", "comment": "backups"}
            """;

    @Test
    void theGroupsHaveAlertmanagersShapeAndContent() throws Exception {
        String binary = Peers.require("prometheus-alertmanager", "prometheus-alertmanager");
        Files.writeString(dir.resolve("am.yml"), AM);
        int port = Peers.freePort();
        Process am = Peers.start(dir.resolve("am.log"), binary, "--config.file=" + dir.resolve("am.yml"),
                "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=");
        ConfigDir config = new ConfigDir(dir.resolve("opsgate"))
                .yaml("acme.yaml", OPSGATE.formatted(String.join("---\n", channel("default"), channel("pager"),
                        channel("dba"))))
                .token("acme", "all", "acme-all-token-000000000000000000000000000");
        EngineServer opsgate = new EngineServer(config.standalone("--tick=50"), Clock.systemUTC()).start();
        try {
            Http alertmanager = new Http("http://127.0.0.1:" + port);
            Http ours = new Http("http://127.0.0.1:" + opsgate.port());
            String token = config.token("acme/all");
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> alertmanager.get("/-/ready", null).status() == 200);
            for (Http side : List.of(alertmanager, ours)) {
                String t = side == ours ? token : null;
                assertThat(side.post("/api/v2/silences", t, SILENCE).status()).isEqualTo(200);
                assertThat(side.post("/api/v2/alerts", t, ALERTS).status()).isEqualTo(200);
            }

            for (String query : List.of("", "?silenced=false", "?inhibited=false", "?active=false",
                    "?receiver=" + enc("pager|dba"), "?filter=" + enc("team=\"db\""),
                    "?filter=" + enc("instance=~\"web-.*\"") + "&inhibited=false")) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    JsonNode expected = alertmanager.get("/api/v2/alerts/groups" + query, null).json();
                    Http.Response got = ours.get("/api/v2/alerts/groups" + query, token);
                    assertThat(got.status()).as(query).isEqualTo(200);
                    assertThat(got.json().size()).as("%s: groups", query).isGreaterThan(0);
                    assertThat(content(got.json())).as("groups of %s", query).isEqualTo(content(expected));
                    assertThat(shape(got.json())).as("JSON fields and types of %s", query).isEqualTo(shape(expected));
                });
            }
            JsonNode all = ours.get("/api/v2/alerts/groups", token).json();
            assertThat(all).as("the silenced Backup alert is in the default group").anySatisfy(g ->
                    assertThat(g.path("alerts").toString()).contains("\"Backup\"").contains("\"suppressed\""));
        } finally {
            opsgate.close();
            Peers.stop(am);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * The groups' content in order: labels, receiver, and per alert its fingerprint, labels, annotations, receivers,
     * state, inhibitedBy, and whether it is silenced (silence ids differ by construction).
     */
    static ArrayNode content(JsonNode groups) {
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (JsonNode g : groups) {
            ObjectNode group = result.addObject();
            group.set("labels", g.path("labels"));
            group.set("receiver", g.path("receiver"));
            ArrayNode alerts = group.putArray("alerts");
            for (JsonNode a : g.path("alerts")) {
                ObjectNode alert = alerts.addObject();
                alert.set("fingerprint", a.path("fingerprint"));
                alert.set("labels", a.path("labels"));
                alert.set("annotations", a.path("annotations"));
                alert.set("generatorURL", a.path("generatorURL"));
                alert.set("receivers", a.path("receivers"));
                alert.set("state", a.path("status").path("state"));
                alert.set("inhibitedBy", a.path("status").path("inhibitedBy"));
                alert.put("silenced", !a.path("status").path("silencedBy").isEmpty());
            }
        }
        return result;
    }

    /** Every JSON path with its node type (arrays' elements as []), leaving out what may differ. */
    static Set<String> shape(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        shape(node, "", paths);
        return paths;
    }

    private static final Set<String> IGNORED = Set.of("[].alerts[].opsgate", "[].alerts[].status.mutedBy");

    private static void shape(JsonNode node, String path, Set<String> paths) {
        if (IGNORED.contains(path)) {
            return;
        }
        paths.add(path + ":" + node.getNodeType());
        if (node.isArray()) {
            for (JsonNode e : node) {
                shape(e, path + "[]", paths);
            }
        } else if (node.isObject() && !path.endsWith(".labels") && !path.endsWith(".annotations")) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                shape(node.get(name), path + (path.isEmpty() ? "" : ".") + name, paths);
            }
        }
    }
}
