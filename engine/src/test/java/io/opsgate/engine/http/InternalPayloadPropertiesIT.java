package io.opsgate.engine.http;

import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.SecureEngine;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbled bodies on the security routes over HTTP: credentials (PUT), notices and purge (internal token).
 * Never a 5xx, always a JSON error naming the problem, and the server stays healthy.
 */
class InternalPayloadPropertiesIT {
    static final List<String> VALID = List.of(
            "{\"tenant\":\"fuzz\",\"title\":\"Key rotated\",\"body\":\"b\",\"severity\":\"info\",\"kind\":\"KeyRotated\"}",
            "{\"tenant\":\"nobody-here\"}",
            "{\"url\":\"https://hooks.example/x\",\"user\":\"ops\"}");
    private static SecureEngine engine;

    @BeforeContainer
    static void start() throws Exception {
        engine = new SecureEngine(Files.createTempDirectory("opsgate-internal-props")).config("t.yaml", """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: fuzz}
                spec:
                  egress: [{cidr: 127.0.0.1/32}]
                  apiTokens:
                    - {name: admin, scopes: [Admin]}
                """).token("fuzz", "admin", "fuzz-admin-token-00000000000000000000000").start(Clock.systemUTC());
    }

    @AfterContainer
    static void stop() {
        engine.close();
    }

    @Provide
    Arbitrary<String> payloads() {
        return Garbling.payloads(VALID);
    }

    @Property(tries = 200)
    void garbledBodiesNeverGiveA5xx(@ForAll("payloads") String payload) {
        check("PUT", "/api/v1/credentials/fuzzed", engine.token("fuzz/admin"), payload);
        check("POST", "/internal/v1/notices", SecureEngine.INTERNAL_TOKEN, payload);
        if (!payload.contains("\"fuzz\"")) {
            check("POST", "/internal/v1/purge", SecureEngine.INTERNAL_TOKEN, payload);
        }
        assertThat(engine.http.get("/healthz", null).status()).isEqualTo(200);
    }

    private static void check(String method, String path, String token, String payload) {
        Http.Response r = engine.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.server.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(payload)).build());
        assertThat(r.status()).as("%s %s -> %s", path, payload, r.body()).isLessThan(500);
        if (r.status() >= 400) {
            assertThat(r.json().path("error").asText()).isNotBlank();
        }
    }
}
