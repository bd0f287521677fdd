package io.opsgate.engine.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.MutableClock;
import io.opsgate.engine.support.SecureEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's security notices as the tenant reads them: every notice the engine receives is kept as a record
 * (with or without a notice channel to deliver it), listed newest first with cursor paging, readable with the Read
 * scope only by its own tenant, kept across a restart and deleted after the tenant's log retention.
 */
class NoticeRecordsIT {
    @TempDir
    Path root;
    SecureEngine engine;

    @AfterEach
    void stop() {
        engine.close();
    }

    private static String tenant(String name) {
        return """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: %1$s}
                spec:
                  apiTokens:
                    - {name: reader, scopes: [Read]}
                    - {name: ingest, scopes: [Ingest]}
                  retention: {logs: 2d}
                """.formatted(name);
    }

    private void notice(String tenant, String title, String severity) {
        Http.Response r = engine.http.post("/internal/v1/notices", SecureEngine.INTERNAL_TOKEN, "{\"tenant\":\"" + tenant
                + "\",\"title\":\"" + title + "\",\"body\":\"details of " + title + "\",\"severity\":\"" + severity
                + "\",\"kind\":\"TokenRotated\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("queued").asBoolean()).as("no notice channel: recorded, not queued").isFalse();
    }

    private JsonNode page(String query) {
        Http.Response r = engine.http.get("/api/v1/notices" + query, engine.token("acme/reader"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void noticesAreListedNewestFirstInPagesKeptAcrossARestartAndDroppedAfterRetention() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        engine = new SecureEngine(root).config("t.yaml", tenant("acme") + "---\n" + tenant("globex"))
                .token("acme", "reader", "acme-reader-token-000000000000000000000")
                .token("acme", "ingest", "acme-ingest-token-000000000000000000000")
                .token("globex", "reader", "globex-reader-token-0000000000000000000")
                .start(clock);
        for (int i = 1; i <= 5; i++) {
            notice("acme", "acme notice " + i, i == 5 ? "critical" : "info");
            clock.advance(Duration.ofHours(1));
        }
        notice("globex", "globex only", "warning");

        JsonNode first = page("?limit=2");
        assertThat(first.path("notices")).extracting(n -> n.path("title").asText())
                .containsExactly("acme notice 5", "acme notice 4");
        JsonNode newest = first.path("notices").get(0);
        assertThat(newest.path("severity").asText()).isEqualTo("critical");
        assertThat(newest.path("kind").asText()).isEqualTo("TokenRotated");
        assertThat(newest.path("body").asText()).isEqualTo("details of acme notice 5");
        assertThat(newest.path("time").asText()).isEqualTo("2026-12-01T04:00:00.000Z");
        assertThat(newest.path("queued").asBoolean()).isFalse();
        assertThat(newest.path("reason").asText()).isEqualTo("no noticeChannel");
        List<String> all = new ArrayList<>();
        first.path("notices").forEach(n -> all.add(n.path("title").asText()));
        String cursor = first.path("nextCursor").asText();
        while (!cursor.isEmpty() && !cursor.equals("null")) {
            JsonNode next = page("?limit=2&cursor=" + cursor);
            next.path("notices").forEach(n -> all.add(n.path("title").asText()));
            cursor = next.path("nextCursor").isNull() ? "" : next.path("nextCursor").asText();
        }
        assertThat(all).containsExactly("acme notice 5", "acme notice 4", "acme notice 3", "acme notice 2", "acme notice 1");
        assertThat(engine.http.get("/api/v1/notices", engine.token("globex/reader")).json().path("notices"))
                .extracting(n -> n.path("title").asText()).containsExactly("globex only");
        assertThat(engine.http.get("/api/v1/notices", engine.token("acme/ingest")).status()).isEqualTo(403);
        assertThat(engine.http.get("/api/v1/notices?limit=0", engine.token("acme/reader")).json().path("field").asText())
                .isEqualTo("limit");

        engine.restart();
        assertThat(page("").path("notices")).hasSize(5);

        // Retention 2d: at 2026-12-03T01:30Z the notices of 00:00 and 01:00 on the 1st are past it, 02:00 onwards not.
        clock.advance(Duration.ofHours(44).plusMinutes(30));
        assertThat(page("").path("notices")).extracting(n -> n.path("title").asText())
                .containsExactly("acme notice 5", "acme notice 4", "acme notice 3");
        engine.restart();
        assertThat(page("").path("notices")).hasSize(3);
    }
}
