package io.opsgate.engine.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.opsgate.api.matcher.Matcher;
import io.opsgate.engine.alerting.Fingerprints;
import io.opsgate.engine.alerting.Inhibitor;
import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.support.Http;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The imported inhibit rules mute what Alertmanager's mute: for every corpus configuration with inhibit
 * rules, one set of firing alerts (sources and targets with equal and with different values of the equal
 * labels, alerts matching both sides, random ones) goes to Debian's Alertmanager and through the engine's
 * {@link Inhibitor} built from the imported rules; each alert must be inhibited in both or in neither.
 */
class InhibitionEquivalenceIT {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static List<Path> configsWithInhibitRules() throws ImportFailure {
        List<Path> result = new ArrayList<>();
        for (Path p : Corpus.configs()) {
            if (!AlertmanagerYamlParser.parse(Corpus.read(p), p.getParent()).inhibitRules.isEmpty()) {
                result.add(p);
            }
        }
        return result;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configsWithInhibitRules")
    void theSameAlertsAreInhibitedAsInAlertmanager(Path config) throws Exception {
        AmConfig am = AlertmanagerYamlParser.parse(Corpus.read(config), config.getParent());
        List<Map<String, String>> alerts = scene(am, new Random(config.getFileName().toString().hashCode()));

        Map<String, Boolean> alertmanager = inhibitedInAlertmanager(config, alerts);
        ImportedRouting imported = new ImportedRouting(Corpus.importOf(config));
        Map<String, Boolean> opsgate = inhibitedInOpsgate(imported, alerts);

        for (Map<String, String> labels : alerts) {
            String id = labels.get("scene_id");
            assertThat(opsgate.get(id)).as("inhibited: %s in %s", labels, config.getFileName()).isEqualTo(alertmanager.get(id));
        }
        assertThat(alertmanager.values()).as("the scene inhibits some alerts and not others").contains(true, false);
    }

    /** Sources and targets of every rule, with equal labels the same ("a") or not ("b"), both sides, and random alerts. */
    private static List<Map<String, String>> scene(AmConfig am, Random random) {
        LabelSpace space = LabelSpace.of(am);
        List<Map<String, String>> alerts = new ArrayList<>();
        for (AmConfig.InhibitRule r : am.inhibitRules) {
            for (String eq : List.of("a", "b")) {
                add(alerts, space.solve(r.source, List.of()), r.equal, "a");
                add(alerts, space.solve(r.target, List.of()), r.equal, eq);
                List<Matcher> both = new ArrayList<>(r.source);
                both.addAll(r.target);
                add(alerts, space.solve(both, List.of()), r.equal, eq);
                add(alerts, space.solve(both, List.of()), r.equal, "a");
                if (!r.source.isEmpty()) {
                    add(alerts, space.solve(r.target, List.of(r.source.get(0))), r.equal, eq);
                }
            }
        }
        for (int i = 0; i < 30; i++) {
            Map<String, String> labels = space.random(random);
            for (AmConfig.InhibitRule r : am.inhibitRules) {
                r.equal.forEach(e -> labels.put(e, random.nextBoolean() ? "a" : "b"));
            }
            alerts.add(labels);
        }
        for (int i = 0; i < alerts.size(); i++) {
            alerts.get(i).put("scene_id", "s" + i);
        }
        return alerts;
    }

    private static void add(List<Map<String, String>> alerts, Map<String, String> solved, List<String> equal, String value) {
        if (solved == null) {
            return;
        }
        Map<String, String> labels = new TreeMap<>(solved);
        equal.forEach(e -> labels.putIfAbsent(e, value));
        alerts.add(labels);
    }

    private Map<String, Boolean> inhibitedInOpsgate(ImportedRouting imported, List<Map<String, String>> alerts) {
        long now = System.currentTimeMillis();
        Inhibitor inhibitor = new Inhibitor(imported.rules());
        Map<String, Alert> held = new HashMap<>();
        List<Alert> all = new ArrayList<>();
        for (Map<String, String> labels : alerts) {
            Alert a = new Alert();
            a.labels = new TreeMap<>(labels);
            a.fingerprint = Fingerprints.hex(a.labels);
            a.startsAt = now - 60_000;
            a.endsAt = now + 3_600_000;
            held.put(a.fingerprint, a);
            inhibitor.add(a);
            all.add(a);
        }
        Map<String, Boolean> result = new HashMap<>();
        for (Alert a : all) {
            result.put(a.labels.get("scene_id"), !inhibitor.inhibitedBy(a, now, held::get).isEmpty());
        }
        return result;
    }

    /**
     * Runs Alertmanager on the configuration plus a sentinel rule, posts the alerts and then a sentinel
     * source and target: once the target is inhibited, the inhibitor has seen every alert posted before it.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Boolean> inhibitedInAlertmanager(Path config, List<Map<String, String>> alerts) throws Exception {
        Map<String, Object> doc = YAML.readValue(config.toFile(), LinkedHashMap.class);
        List<Object> rules = new ArrayList<>((List<Object>) doc.getOrDefault("inhibit_rules", List.of()));
        rules.add(Map.of("source_matchers", List.of("alertname=\"OpsgateSentinelSource\""),
                "target_matchers", List.of("alertname=\"OpsgateSentinelTarget\"")));
        doc.put("inhibit_rules", rules);
        Path copy = dir.resolve("alertmanager.yml");
        YAML.writeValue(copy.toFile(), doc);
        for (String secret : List.of("eu-prod-pagerduty-key", "smtp-password", "slack-dba-url")) {
            Files.createDirectories(dir.resolve("secrets"));
            Files.writeString(dir.resolve("secrets").resolve(secret), "x");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(Amtool.require("prometheus-alertmanager"), "--config.file=" + copy,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=").redirectErrorStream(true).redirectOutput(dir.resolve("am.log").toFile()).start();
        try {
            Http http = new Http("http://127.0.0.1:" + port);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> http.get("/-/ready", null).status() == 200);
            assertThat(http.post("/api/v2/alerts", null, body(alerts)).status()).isEqualTo(200);
            List<Map<String, String>> sentinel = List.of(
                    new TreeMap<>(Map.of("alertname", "OpsgateSentinelSource", "scene_id", "sentinel-source")),
                    new TreeMap<>(Map.of("alertname", "OpsgateSentinelTarget", "scene_id", "sentinel-target")));
            assertThat(http.post("/api/v2/alerts", null, body(sentinel)).status()).isEqualTo(200);
            Map<String, Boolean> result = new HashMap<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                result.clear();
                for (JsonNode a : http.get("/api/v2/alerts", null).json()) {
                    result.put(a.path("labels").path("scene_id").asText(), !a.path("status").path("inhibitedBy").isEmpty());
                }
                assertThat(result).containsEntry("sentinel-target", true).hasSize(alerts.size() + 2);
            });
            return result;
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static String body(List<Map<String, String>> alerts) throws IOException {
        List<Map<String, Object>> items = new ArrayList<>();
        alerts.forEach(l -> items.add(Map.of("labels", l)));
        return JSON.writeValueAsString(items);
    }
}
