package io.opsgate.engine.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsgate.engine.support.EngineProcess;
import io.opsgate.engine.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's {@code import} writes a directory that a standalone engine runs as it is: alerts posted to it
 * are routed to the channels of the receivers amtool names for them.
 */
class ImportStandaloneIT {
    private static final String TOKEN = "acme-import-token-000000000000000000000";

    @TempDir
    Path root;

    @Test
    void theImportedDirectoryRunsStandaloneAndRoutesAlertsToTheReceiversAlertmanagerWould() throws Exception {
        Path config = Corpus.dir().resolve("continue-fanout.yml");
        Path dir = root.resolve("config");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                EngineProcess.jar().toString(), "import", "alertmanager", config.toString(), "--tenant", "acme",
                "--out", dir.toString()).redirectErrorStream(true).redirectOutput(root.resolve("import.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(root.resolve("import.log"))).isZero();
        assertThat(Files.readString(root.resolve("import.log"))).contains("written to " + dir);
        Files.writeString(dir.resolve("00-tenant.yaml"), """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  apiTokens:
                    - {name: admin, scopes: [Ingest, Read, Admin]}
                """);
        Path token = dir.resolve("secrets/opsgate-acme/opsgate-token-admin/token");
        Files.createDirectories(token.getParent());
        Files.writeString(token, TOKEN);

        Map<String, List<String>> channelsOf = new HashMap<>();
        for (Manifest ch : Corpus.importOf(config).ofKind("NotificationChannel")) {
            @SuppressWarnings("unchecked")
            Map<String, String> ann = (Map<String, String>) ((Map<String, Object>) ch.object().get("metadata")).get("annotations");
            channelsOf.computeIfAbsent(ann.get("opsgate.io/alertmanager-receiver"), k -> new ArrayList<>()).add(ch.name());
        }
        List<Map<String, String>> alerts = new ArrayList<>(BranchCorpus.of(
                AlertmanagerYamlParser.parse(Corpus.read(config), config.getParent()))).subList(0, 25);
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        for (int i = 0; i < alerts.size(); i++) {
            Map<String, String> labels = new LinkedHashMap<>(alerts.get(i));
            labels.put("corpus_id", "c" + i);
            byId.put("c" + i, labels);
        }

        try (EngineProcess engine = EngineProcess.start(root.resolve("engine.log"), "standalone", "--config-dir=" + dir,
                "--secrets-dir=" + dir.resolve("secrets"), "--data=" + root.resolve("data"), "--listen=127.0.0.1:0",
                "--smtp-listen=off")) {
            Http http = new Http("http://127.0.0.1:" + engine.port());
            List<Map<String, Object>> body = new ArrayList<>();
            byId.values().forEach(l -> body.add(Map.of("labels", l)));
            assertThat(http.post("/api/v2/alerts", TOKEN, new ObjectMapper().writeValueAsString(body)).status()).isEqualTo(200);
            JsonNode held = http.get("/api/v2/alerts", TOKEN).json();
            assertThat(held.size()).isEqualTo(byId.size());
            for (JsonNode a : held) {
                Map<String, String> labels = byId.get(a.path("labels").path("corpus_id").asText());
                List<String> expected = new ArrayList<>();
                for (String receiver : Amtool.routes(config, labels)) {
                    for (String c : channelsOf.getOrDefault(receiver, List.of())) {
                        if (!expected.contains(c)) {
                            expected.add(c);
                        }
                    }
                }
                List<String> receivers = new ArrayList<>();
                a.path("receivers").forEach(r -> receivers.add(r.path("name").asText()));
                assertThat(receivers).as("channels of %s", labels).isEqualTo(expected);
            }
        }
    }
}
