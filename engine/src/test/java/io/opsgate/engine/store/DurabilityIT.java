package io.opsgate.engine.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.support.EngineProcess;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every alert answered 2xx survives a crash: the engine runs as its own process, four clients send N
 * alerts, the process gets SIGKILL right after the last 2xx, and after a restart all N are there, once each.
 */
class DurabilityIT {
    private static final int CLIENTS = 4;
    private static final int REQUESTS_PER_CLIENT = 100;
    private static final int BATCH = 20;

    @TempDir
    Path root;

    private String[] args(TestTenants t) {
        return new String[]{"standalone", "--config-dir=" + t.configDir, "--secrets-dir=" + t.secretsDir,
            "--data=" + root.resolve("data"), "--listen=127.0.0.1:0"};
    }

    @Test
    void allAcknowledgedAlertsSurviveKillMinusNine() throws Exception {
        TestTenants tenants = new TestTenants(root);
        String token = tenants.token("acme/admin");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        String endsAt = Instant.now().plusSeconds(3600).toString();

        EngineProcess engine = EngineProcess.start(root.resolve("engine-1.log"), args(tenants));
        Http http = new Http("http://127.0.0.1:" + engine.port());
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                    StringBuilder body = new StringBuilder("[");
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < BATCH; i++) {
                        String id = client + "-" + r + "-" + i;
                        ids.add(id);
                        body.append(i == 0 ? "" : ",").append("{\"labels\":{\"alertname\":\"Durable\",\"id\":\"")
                                .append(id).append("\"},\"endsAt\":\"").append(endsAt).append("\"}");
                    }
                    Http.Response resp = http.post("/api/v2/alerts", token, body.append("]").toString());
                    assertThat(resp.status()).isEqualTo(200);
                    acknowledged.addAll(ids);
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        engine.kill9();
        pool.shutdown();
        assertThat(acknowledged).hasSize(CLIENTS * REQUESTS_PER_CLIENT * BATCH);

        try (EngineProcess restarted = EngineProcess.start(root.resolve("engine-2.log"), args(tenants))) {
            Http again = new Http("http://127.0.0.1:" + restarted.port());
            JsonNode alerts = again.get("/api/v2/alerts?filter=alertname%3D%22Durable%22", token).json();
            Map<String, Integer> seen = new HashMap<>();
            for (JsonNode a : alerts) {
                seen.merge(a.path("labels").path("id").asText(), 1, Integer::sum);
                assertThat(a.path("opsgate").path("count").asInt()).as("received count of %s", a).isEqualTo(1);
            }
            assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(seen.values()).allMatch(n -> n == 1);
        }
    }
}
