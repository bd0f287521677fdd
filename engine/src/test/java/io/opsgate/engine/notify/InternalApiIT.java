package io.opsgate.engine.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.app.Options;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.notify.delivery.NotifySettings;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.support.ConfigDir;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.HttpSink;
import io.opsgate.engine.support.Manifests;
import io.opsgate.engine.support.Notifications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notify's internal API in notify mode, as ingest calls it: only the internal token gets in; a batch is
 * acknowledged once stored and delivered once, and a handoff that ingest repeats (same origin and
 * sequences) is acknowledged again without a second delivery; the delivery reports come back by cursor.
 */
class InternalApiIT {
    private static final String TOKEN = "internal-api-test-token-0123456789abcdef";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private HttpSink sink;
    private EngineServer notify;
    private Http http;

    @BeforeEach
    void start() throws Exception {
        sink = new HttpSink(Clock.systemUTC());
        Path config = new ConfigDir(dir).yaml("acme.yaml", """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  egress: [{cidr: 127.0.0.1/32}]
                ---
                """ + Manifests.webhookChannel("acme", "hook", sink.url("/hook"), null)).compile("acme", List.of());
        Path token = dir.resolve("token");
        Files.writeString(token, TOKEN + "\n");
        notify = new EngineServer(Options.parse("notify", "--config-file=" + config, "--secrets-dir=" + dir.resolve("secrets"),
                "--data=" + dir.resolve("data"), "--listen=127.0.0.1:0"), Clock.systemUTC(),
                new NotifySettings(null, token, 8, null)).start();
        http = new Http("http://127.0.0.1:" + notify.port());
    }

    @AfterEach
    void stop() {
        if (notify != null) {
            notify.close();
        }
        sink.close();
    }

    private static String batch(String tenant, String origin, long... seqs) {
        List<OutboxEntry> entries = new ArrayList<>();
        for (long seq : seqs) {
            OutboxEntry e = Notifications.entry(seq, "firing", 1);
            e.channels = List.of("hook");
            e.groupKey = "page:{alertname=\"Alert" + seq + "\"}";
            entries.add(e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", tenant);
        body.put("origin", origin);
        body.put("notifications", entries);
        return new String(RecordCodec.encode(body), StandardCharsets.UTF_8);
    }

    private Http.Response hand(String authorization, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + notify.port() + "/internal/v1/notifications"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build());
    }

    @Test
    void onlyTheInternalTokenGetsIn() {
        String body = batch("acme", "ingest-a", 1);
        for (String auth : new String[]{null, "Bearer wrong-token", "Basic " + TOKEN, TOKEN}) {
            Http.Response r = hand(auth, body);
            assertThat(r.status()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
        assertThat(http.get("/internal/v1/reports?tenant=acme", null).status()).isEqualTo(401);
        // The credential hand-over (issue 13) replaces a tenant's vault: nothing but the internal token opens it.
        String credentials = "{\"tenant\":\"acme\",\"credentials\":{\"hook\":{\"hmacKey\":\"forged\"}}}";
        for (String token : new String[]{null, "wrong-token", "acme-api-token-0000000000000000000000000"}) {
            assertThat(http.put("/internal/v1/credentials", token, credentials).status()).as(String.valueOf(token))
                    .isEqualTo(401);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(http.put("/internal/v1/credentials", TOKEN, credentials)
                .status()).isEqualTo(200));
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> sink.requests().isEmpty());
    }

    @Test
    void aRepeatedHandoffIsAcknowledgedWithoutASecondDelivery() {
        Http.Response first = hand("Bearer " + TOKEN, batch("acme", "ingest-a", 1, 2));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("stored").asInt()).isEqualTo(2);
        await().atMost(WAIT).until(() -> sink.requests().size() == 2);

        // Ingest did not see the answer and hands the same entries again, then the next one with them.
        assertThat(hand("Bearer " + TOKEN, batch("acme", "ingest-a", 1, 2)).status()).isEqualTo(200);
        assertThat(hand("Bearer " + TOKEN, batch("acme", "ingest-a", 1, 2, 3)).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> sink.requests().size() == 3);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> sink.requests().size() == 3);
        assertThat(sink.requests()).extracting(r -> r.json().path("groupKey").asText())
                .containsExactly("page:{alertname=\"Alert1\"}", "page:{alertname=\"Alert2\"}", "page:{alertname=\"Alert3\"}");
        assertThat(sink.requests()).extracting(r -> r.header("Idempotency-Key")).doesNotHaveDuplicates();

        // Another ingest store numbers from 1 too: its sequences are its own.
        assertThat(hand("Bearer " + TOKEN, batch("acme", "ingest-b", 1)).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> sink.requests().size() == 4);
    }

    @Test
    void reportsComeBackAfterTheCursorAndAreForgottenOnceAcknowledged() {
        assertThat(hand("Bearer " + TOKEN, batch("acme", "ingest-a", 1, 2)).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> reports(0).size() == 2);
        JsonNode all = reports(0);
        assertThat(all).extracting(r -> r.path("result").asText()).containsOnly("delivered");
        assertThat(all).extracting(r -> r.path("channel").asText()).containsOnly("hook");
        assertThat(all).extracting(r -> r.path("ticketId").asLong()).containsOnly(3L);
        long firstId = all.get(0).path("id").asLong();
        JsonNode rest = reports(firstId);
        assertThat(rest).hasSize(1);
        // Asking after the first said it is stored on ingest's side: it is gone.
        assertThat(reports(0)).hasSize(1);
    }

    @Test
    void badBatchesAreRefusedNamingWhatIsWrong() {
        Http.Response garbage = hand("Bearer " + TOKEN, "{not json");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().path("error").asText()).contains("not a notification batch");
        Http.Response noOrigin = hand("Bearer " + TOKEN, "{\"tenant\":\"acme\",\"notifications\":[]}");
        assertThat(noOrigin.status()).isEqualTo(400);
        assertThat(noOrigin.json().path("field").asText()).isEqualTo("origin");
        Http.Response elsewhere = hand("Bearer " + TOKEN, batch("globex", "ingest-a", 1));
        assertThat(elsewhere.status()).isEqualTo(503);
        assertThat(elsewhere.json().path("error").asText()).contains("globex");
        Http.Response mixed = hand("Bearer " + TOKEN, batch("acme", "ingest-a", 1).replace("\"tenant\":\"acme\",\"type\"",
                "\"tenant\":\"globex\",\"type\""));
        assertThat(mixed.status()).as(mixed.body()).isEqualTo(400);
        assertThat(sink.requests()).isEmpty();
    }

    private JsonNode reports(long after) {
        Http.Response r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + notify.port()
                + "/internal/v1/reports?tenant=acme&after=" + after)).header("Authorization", "Bearer " + TOKEN).GET().build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("reports");
    }
}
