package io.opsgate.engine.notify;

import io.opsgate.api.v1alpha1.ApiTokenSpec.TokenScope;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.app.Options;
import io.opsgate.engine.notify.delivery.NotifySettings;
import io.opsgate.engine.support.Compiled;
import io.opsgate.engine.support.ConfigDir;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.HttpSink;
import io.opsgate.engine.support.Manifests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In a cluster the tenant API (and so {@code PUT /api/v1/credentials}) is ingest's, while notify delivers: the
 * credential a tenant stores on ingest must be the one notify signs and logs in with, and a credential deleted on
 * ingest must stop being used (one vault, issue 13).
 */
class OneVaultIT {
    static final String ADMIN = "acme-admin-token-one-vault-0000000000000";
    static final String STORED = "hmac-key-stored-through-the-api";

    @TempDir
    Path dir;
    private HttpSink sink;
    private EngineServer notify;
    private EngineServer ingest;

    @AfterEach
    void stop() {
        if (ingest != null) {
            ingest.close();
        }
        if (notify != null) {
            notify.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void aCredentialPutOnIngestIsWhatNotifyDeliversWithAndADeletedOneIsNoLongerUsed() throws Exception {
        sink = new HttpSink(Clock.systemUTC()).acceptSignedWith(STORED);
        Path config = new ConfigDir(dir.resolve("yaml")).yaml("acme.yaml", """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  apiTokens: [{name: admin, scopes: [Ingest, Read, Admin]}]
                  egress: [{cidr: 127.0.0.1/32}]
                ---
                """ + Manifests.webhookChannel("acme", "hook", sink.url("/hook"), "hook-signing")
                + Manifests.rule("acme", "page", """
                matchers: ['severity="critical"']
                actions:
                  notify: {channels: [hook], groupBy: [alertname], groupWait: 0s}"""))
                .compile("acme", List.of(Compiled.token("admin", ADMIN, TokenScope.Ingest, TokenScope.Read, TokenScope.Admin)));
        Path token = dir.resolve("internal-token");
        Files.writeString(token, "internal-token-of-the-one-vault-test-0000\n");
        // One KEK Secret, mounted into both workloads, as the operator does.
        Path kek = Files.createDirectories(dir.resolve("kek"));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(kek.resolve("2026-01-01"), Base64.getEncoder().encodeToString(key));
        notify = new EngineServer(Options.parse("notify", "--config-file=" + config, "--secrets-dir=" + dir.resolve("notify-secrets"),
                "--data=" + dir.resolve("notify-data"), "--listen=127.0.0.1:0", "--kek-dir=" + kek, "--tick=50"),
                Clock.systemUTC(), new NotifySettings(null, token, 3, null)).start();
        ingest = new EngineServer(Options.parse("ingest", "--config-file=" + config, "--secrets-dir=" + dir.resolve("ingest-secrets"),
                "--data=" + dir.resolve("ingest-data"), "--listen=127.0.0.1:0", "--kek-dir=" + kek, "--tick=50"),
                Clock.systemUTC(), new NotifySettings(URI.create("http://127.0.0.1:" + notify.port()), token, 3, null)).start();
        Http http = new Http("http://127.0.0.1:" + ingest.port());

        assertThat(http.put("/api/v1/credentials/hook-signing", ADMIN, "{\"hmacKey\":\"" + STORED + "\"}").status())
                .isEqualTo(200);
        assertThat(http.post("/api/v2/alerts", ADMIN, "[{\"labels\":{\"alertname\":\"Signed\",\"severity\":\"critical\"}}]")
                .status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sink.processed()).hasSize(1));

        assertThat(http.delete("/api/v1/credentials/hook-signing", ADMIN).status()).isEqualTo(204);
        assertThat(http.post("/api/v2/alerts", ADMIN, "[{\"labels\":{\"alertname\":\"Unsigned\",\"severity\":\"critical\"}}]")
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get("/api/v1/deadletters", ADMIN)
                .json().path("deadLetters").toString()).contains("hook-signing"));
        assertThat(sink.requests()).hasSize(1);
    }
}
