package io.opsgate.engine.http;

import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.SecureEngine;
import io.opsgate.testing.regex.ProcessCpu;
import io.opsgate.testing.regex.RegexCorpus;
import io.opsgate.testing.regex.RegexCorpus.Entry;
import io.opsgate.testing.regex.RegexCorpus.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regex corpus through the engine's HTTP entry points that take a regex from a request: the alert and silence
 * filters, the receiver regex, and silence matchers. Each pattern gets its verdict (200, or 400 naming the
 * parameter, with the limit when it is too complex), the costliest is reported and the CPU time the engine (in this
 * JVM) spent on it must stay under a second (the target is 100 ms; CPU time, not wall-clock time, because a loaded
 * two-core build machine stretches the latter tenfold; the unbounded compiler spent 6 s and then the heap), and the
 * engine keeps serving.
 */
class RegexCorpusIT {
    static final long BOUND_MILLIS = 1000;
    /** Wall-clock time that means a request hangs, whatever the machine's load. */
    static final long HANG_MILLIS = 10_000;
    /** Sent first, unmeasured: the first request of a JVM loads and compiles the HTTP path. */
    static final Entry WARM_UP = new Entry("warm-up", "Disk.*", Verdict.ACCEPTED);
    /** The listener's longest request line (HttpVerticle). */
    static final int MAX_REQUEST_LINE = 8192;
    static final String TOKEN = "corpus-all-scopes-token-0000000000000000";

    @TempDir
    static Path root;
    static SecureEngine engine;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        engine = new SecureEngine(root)
                .config("acme.yaml", """
                        apiVersion: opsgate.io/v1alpha1
                        kind: Tenant
                        metadata: {name: acme}
                        spec:
                          apiTokens:
                            - {name: all, scopes: [Ingest, Read, Admin]}
                        """)
                .token("acme", "all", TOKEN)
                .start(Clock.systemUTC());
        http = engine.http;
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void alertAndSilenceFiltersAndTheReceiver() {
        for (String route : List.of("/api/v2/alerts?filter=", "/api/v2/silences?filter=")) {
            runGet("GET " + route, "filter", e -> route + encode("alertname=~" + quote(e.pattern())));
        }
        runGet("GET /api/v2/alerts?receiver=", "receiver", e -> "/api/v2/alerts?receiver=" + encode(e.pattern()));
    }

    @Test
    void silenceMatchers() {
        run("POST /api/v2/silences", "matchers[0].value", e -> http.post("/api/v2/silences", TOKEN,
                // The second matcher keeps a pattern that matches the empty string from silencing everything.
                "{\"matchers\":[{\"name\":\"job\",\"value\":" + json(e.pattern()) + ",\"isRegex\":true},"
                        + "{\"name\":\"alertname\",\"value\":\"Corpus\",\"isRegex\":false}],"
                        + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2099-01-01T00:00:00Z\","
                        + "\"createdBy\":\"corpus\",\"comment\":\"regex corpus\"}"));
    }

    /**
     * A GET entry point: a request line longer than the listener takes (8192 bytes; a URL-encoded class of a
     * thousand ranges is that long) is refused by the HTTP layer before any handler sees it, which is as good an
     * answer for a pattern that is too complex; for one the compiler would accept it is the limit of a GET filter
     * (Alertmanager has the same), so such patterns are not judged here: the silence body takes them.
     */
    private static void runGet(String entryPoint, String field, Function<Entry, String> pathOf) {
        run(entryPoint, field, e -> {
            String path = pathOf.apply(e);
            Http.Response r = http.get(path, TOKEN);
            if (path.length() + "GET  HTTP/1.1".length() > MAX_REQUEST_LINE) {
                assertThat(r.status()).as("%s: %s", entryPoint, e).isIn(400, 414);
                return null;
            }
            return r;
        });
    }

    /** Runs the corpus through one entry point; a null answer was judged by the caller (only its time counts). */
    private static void run(String entryPoint, String field, Function<Entry, Http.Response> call) {
        List<String> wrong = new ArrayList<>();
        long costliest = 0;
        long slowest = 0;
        String costliestName = "";
        call.apply(WARM_UP);
        for (Entry e : RegexCorpus.all()) {
            long cpu = ProcessCpu.nanos();
            long started = System.nanoTime();
            Http.Response r = call.apply(e);
            long cpuMillis = (ProcessCpu.nanos() - cpu) / 1_000_000;
            slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
            if (cpuMillis > costliest) {
                costliest = cpuMillis;
                costliestName = e.name();
            }
            if (r == null) {
                continue;
            }
            Verdict got = r.status() == 200 ? Verdict.ACCEPTED
                    : r.status() == 400 && r.json().has("limit") ? Verdict.TOO_COMPLEX
                    : r.status() == 400 ? Verdict.INVALID : null;
            if (got != e.verdict() || got != Verdict.ACCEPTED && !r.json().path("field").asText().equals(field)) {
                wrong.add(e + " got " + r.status() + " " + r.body());
            }
        }
        System.out.printf("regex corpus via %s: costliest %d ms CPU (%s), slowest %d ms wall-clock%n", entryPoint,
                costliest, costliestName, slowest);
        assertThat(wrong).as(entryPoint).isEmpty();
        assertThat(costliest).as("%s: CPU time of %s", entryPoint, costliestName).isLessThan(BOUND_MILLIS);
        assertThat(slowest).as("%s: wall-clock time", entryPoint).isLessThan(HANG_MILLIS);
        assertThat(http.get("/healthz", null).status()).isEqualTo(200);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A matcher value in double quotes with Go's escapes, as amtool writes it. */
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String json(String value) {
        try {
            return io.opsgate.engine.store.RecordCodec.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
