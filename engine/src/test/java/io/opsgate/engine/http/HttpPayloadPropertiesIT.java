package io.opsgate.engine.http;

import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.Standalone;
import io.opsgate.engine.support.TestTenants;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and garbled payloads sent over HTTP to every endpoint that takes a body: never a 5xx, never a
 * connection left hanging (each request has a 10 s timeout), and the server still answers afterwards.
 */
class HttpPayloadPropertiesIT {
    private static final List<String> PATHS = List.of("/api/v2/alerts", "/api/v1/webhooks/alertmanager",
            "/api/v1/events", "/api/v2/silences", "/api/v1/tickets/1/comments", "/api/v1/tickets/1/assign");
    private static Path root;
    private static EngineServer server;
    private static TestTenants tenants;
    private static Http http;

    @BeforeContainer
    static void start() throws Exception {
        root = Files.createTempDirectory("opsgate-props");
        tenants = new TestTenants(root);
        server = new EngineServer(Standalone.options(tenants.configDir, tenants.secretsDir, root.resolve("data"),
                "--tick=100", "--config-poll=1000"), Clock.systemUTC()).start();
        http = new Http("http://127.0.0.1:" + server.port());
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Provide
    Arbitrary<String> payloads() {
        return Garbling.payloads();
    }

    @Property(tries = 300)
    void garbledBodiesNeverGiveA5xx(@ForAll("payloads") String payload) {
        String token = tenants.token("acme/admin");
        for (String path : PATHS) {
            Http.Response r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build());
            assertThat(r.status()).as("%s %s -> %s", path, payload, r.body()).isLessThan(500);
            if (r.status() >= 400) {
                assertThat(r.json().path("error").asText()).isNotBlank();
            }
        }
        assertThat(http.get("/healthz", null).status()).isEqualTo(200);
    }
}
