package io.opsgate.engine.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.notify.delivery.NotifySettings;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Standalone opsgate in this JVM on a clock the test moves, for tenant {@code acme} with the channels and
 * rules a test writes, its admin token known, and timers ticking every 20 ms of real time.
 */
public final class NotifyHarness implements AutoCloseable {
    public static final String TOKEN = "acme-admin-token-for-notify-tests-000000";
    public static final String TENANT = """
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: acme}
            spec:
              egress: [{cidr: 127.0.0.1/32}]
              displayName: Acme Corp
              apiTokens:
                - {name: admin, scopes: [Ingest, Read, Admin]}
              ingest:
                rateLimit: {perSecond: 100000, burst: 1000000}
            """;

    /** Where test clocks start. */
    public static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

    public final MutableClock clock;
    public final Path root;
    public final Path secrets;
    private final ConfigDir dir;
    private final EngineServer server;
    public final Http http;

    /**
     * @param objects the channels and rules (YAML documents in namespace opsgate-acme)
     */
    public NotifyHarness(Path root, MutableClock clock, String objects, int maxAttempts) {
        this(root, clock, TENANT, objects, maxAttempts, null);
    }

    /**
     * @param tenant      the Tenant (named acme, with the admin token) as YAML
     * @param externalUrl OPSGATE_EXTERNAL_URL of the process, or null
     */
    public NotifyHarness(Path root, MutableClock clock, String tenant, String objects, int maxAttempts, String externalUrl) {
        this.root = root;
        this.clock = clock;
        this.dir = new ConfigDir(root).yaml("tenant.yaml", tenant + "---\n" + objects).token("acme", "admin", TOKEN);
        this.secrets = dir.secretsDir;
        try {
            server = new EngineServer(dir.standalone("--tick=20"), clock,
                    new NotifySettings(null, root.resolve("no-token"), maxAttempts, externalUrl)).start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        http = new Http("http://127.0.0.1:" + server.port());
    }

    public void secret(String name, String key, String value) {
        dir.secret("opsgate-acme", name, key, value);
    }

    /** POSTs alerts (a JSON array) and expects 200. */
    public void alerts(String json) {
        Http.Response r = http.post("/api/v2/alerts", TOKEN, json);
        if (r.status() != 200) {
            throw new AssertionError("POST /api/v2/alerts answered " + r.status() + ": " + r.body());
        }
    }

    public JsonNode get(String path) {
        Http.Response r = http.get(path, TOKEN);
        if (r.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    public JsonNode post(String path, String body) {
        Http.Response r = http.post(path, TOKEN, body);
        if (r.status() / 100 != 2) {
            throw new AssertionError("POST " + path + " answered " + r.status() + ": " + r.body());
        }
        return r.body().isEmpty() ? null : r.json();
    }

    /** The only ticket. */
    public JsonNode onlyTicket() {
        JsonNode list = get("/api/v1/tickets").path("tickets");
        if (list.size() != 1) {
            throw new AssertionError("expected one ticket, got " + list);
        }
        return get("/api/v1/tickets/" + list.get(0).path("id").asText());
    }

    /** The tenants' meters, from the metrics listener. */
    public String metrics() {
        return Metrics.of(server);
    }

    public EngineServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
