package io.opsgate.engine.peers;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.alerting.Fingerprints;
import io.opsgate.engine.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Debian's Alertmanager computes the same fingerprints as opsgate for random label sets. */
class AlertmanagerFingerprintIT {
    @TempDir
    Path dir;

    @Test
    void fingerprintsEqualTheRealAlertmanagers() throws Exception {
        String binary = Peers.require("prometheus-alertmanager", "prometheus-alertmanager");
        Files.writeString(dir.resolve("am.yml"), "route: {receiver: sink}\nreceivers: [{name: sink}]\n");
        int port = Peers.freePort();
        Process am = Peers.start(dir.resolve("am.log"), binary, "--config.file=" + dir.resolve("am.yml"),
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=");
        try {
            Http http = new Http("http://127.0.0.1:" + port);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> http.get("/-/ready", null).status() == 200);
            Random random = new Random(2026);
            String alphabet = "abcXYZ_09 -.:/\"\\äü東京🔥";
            Map<String, Map<String, String>> sent = new HashMap<>();
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < 200; i++) {
                Map<String, String> labels = new TreeMap<>();
                labels.put("alertname", "A" + i);
                int n = random.nextInt(6);
                for (int j = 0; j < n; j++) {
                    String name = "l" + (char) ('a' + random.nextInt(26)) + random.nextInt(100);
                    StringBuilder value = new StringBuilder();
                    int len = 1 + random.nextInt(12);
                    for (int k = 0; k < len; k++) {
                        value.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                                random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                    }
                    labels.put(name, value.toString());
                }
                sent.put("A" + i, labels);
                body.append(i == 0 ? "" : ",").append("{\"labels\":")
                        .append(Http.parse(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(labels)))
                        .append("}");
            }
            assertThat(http.post("/api/v2/alerts", null, body.append("]").toString()).status()).isEqualTo(200);
            JsonNode held = http.get("/api/v2/alerts", null).json();
            assertThat(held.size()).isEqualTo(200);
            for (JsonNode a : held) {
                Map<String, String> labels = sent.get(a.path("labels").path("alertname").asText());
                assertThat(a.path("fingerprint").asText()).as("labels %s", labels).isEqualTo(Fingerprints.hex(labels));
            }
        } finally {
            Peers.stop(am);
        }
    }
}
