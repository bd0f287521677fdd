package io.opsgate.engine.monitors;

import io.opsgate.api.v1alpha1.MonitorSpec;
import io.opsgate.engine.alerting.AlertView;
import io.opsgate.engine.alerting.Fingerprints;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.support.Compiled;
import io.opsgate.engine.support.MemoryStore;
import io.opsgate.engine.support.MutableClock;
import io.opsgate.engine.support.TestCertificateAuthority;
import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.tenant.TenantRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Monitors feeding the tenant's pipeline: failures raise the monitor's alert after retries, recovery resolves
 * it, a heartbeat fires when its deadline passes on the (test-moved) clock and resolves on the next ping, and a
 * reload that removes a monitor resolves what it had firing.
 */
class MonitorAlertsIT {
    static final String NS = "opsgate-acme";
    final MutableClock clock = new MutableClock(Instant.now());
    final List<MonitorView> published = new CopyOnWriteArrayList<>();
    TestCertificateAuthority certs;
    LocalServers.Web web;
    LocalServers.Web expiring;
    TenantRegistry registry;
    MonitorService service;

    @BeforeEach
    void start() throws Exception {
        certs = new TestCertificateAuthority();
        web = new LocalServers.Web();
        // An hour short of 3 days on the test clock: the whole-day count reads 2 however the second falls.
        expiring = LocalServers.https(certs.server(clock.instant().plus(Duration.ofDays(3)).minus(Duration.ofHours(1))).context());
        registry = new TenantRegistry(name -> new MemoryStore(), clock, new EngineMetrics(), 50);
        service = new MonitorService(clock, new CheckResources(certs.trust()), new MonitorStatusPublisher() {
            @Override
            public void publish(String namespace, MonitorView view) {
                published.add(view);
            }

            @Override
            public void close() {
            }
        });
        registry.plug(service);
    }

    @AfterEach
    void stop() {
        service.close();
        registry.close();
        web.close();
        expiring.close();
    }

    private String config(String monitors) {
        return """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  egress: [{cidr: 127.0.0.1/32}]
                """ + monitors;
    }

    private static String monitor(String name, String spec) {
        return "---\napiVersion: opsgate.io/v1alpha1\nkind: Monitor\nmetadata: {name: " + name + ", namespace: " + NS
                + "}\nspec:\n" + spec.indent(2);
    }

    private String all(int closedPort) {
        return config(monitor("web", """
                type: HTTP
                interval: 1s
                timeout: 1s
                retries: 1
                severity: critical
                labels: {team: web}
                http: {url: "%s"}""".formatted(web.url("/flip")))
                + monitor("cert", """
                type: TLS
                interval: 1s
                timeout: 1s
                retries: 0
                tls: {host: 127.0.0.1, port: %d, serverName: localhost, expiryDays: 14}""".formatted(expiring.port()))
                + monitor("db", """
                type: TCP
                interval: 1s
                timeout: 1s
                retries: 0
                tcp: {host: 127.0.0.1, port: %d}""".formatted(closedPort))
                + monitor("nightly", """
                type: Heartbeat
                heartbeat: {period: 1m, grace: 30s}"""));
    }

    private TenantRuntime acme() {
        return registry.tenant("acme");
    }

    private AlertView alert(String monitor, String type, Map<String, String> extra) {
        MonitorSpec spec = new MonitorSpec();
        spec.type = MonitorSpec.MonitorType.valueOf(type);
        spec.labels = extra;
        spec.severity = extra.containsKey("team") ? "critical" : "warning";
        String fp = Fingerprints.hex(MonitorAlerts.labels(monitor, spec));
        return acme().lane().call(() -> acme().alerts().alert(fp)).join();
    }

    private boolean firing(AlertView a) {
        return a != null && a.endsAt() > clock.millis();
    }

    @Test
    void failuresRaiseTheAlertAfterRetriesAndRecoveryResolvesIt() throws Exception {
        web.flipStatus.set(500);
        int closed = LocalServers.closedPort();
        registry.apply(Compiled.load("acme", all(closed)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AlertView web500 = alert("web", "HTTP", Map.of("team", "web"));
            assertThat(firing(web500)).as("web fires").isTrue();
            assertThat(web500.labels()).containsEntry("alertname", "MonitorDown").containsEntry("monitor", "web")
                    .containsEntry("monitor_type", "HTTP").containsEntry("severity", "critical").containsEntry("team", "web");
            assertThat(web500.annotations().get("description")).isEqualTo("HTTP 500, expected 2xx");
            assertThat(web500.annotations().get("summary")).isEqualTo("HTTP monitor web failed: " + web.url("/flip"));
        });
        MonitorView w = view("web");
        assertThat(w.failures()).as("fired on failure retries+1").isGreaterThanOrEqualTo(2);
        assertThat(w.state()).isEqualTo(MonitorView.DOWN);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AlertView db = alert("db", "TCP", Map.of());
            assertThat(firing(db)).as("closed port fires").isTrue();
            assertThat(db.annotations().get("description")).isEqualTo("127.0.0.1:" + closed + ": connection refused");
            AlertView cert = alert("cert", "TLS", Map.of());
            assertThat(firing(cert)).as("certificate expiring in 3 days fires").isTrue();
            assertThat(cert.labels()).containsEntry("alertname", "TlsCertificateExpiring");
            assertThat(cert.annotations().get("description")).contains("(in 2 days)").contains("within the 14 days");
        });

        web.flipStatus.set(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AlertView resolved = alert("web", "HTTP", Map.of("team", "web"));
            assertThat(firing(resolved)).as("one success resolves").isFalse();
            assertThat(resolved.annotations().get("description")).isEqualTo("HTTP 200");
            assertThat(view("web").state()).isEqualTo(MonitorView.UP);
        });
        assertThat(published).anySatisfy(v -> {
            assertThat(v.name()).isEqualTo("web");
            assertThat(v.state()).isEqualTo(MonitorView.UP);
        });

        registry.apply(Compiled.load("acme", config(monitor("nightly", """
                type: Heartbeat
                heartbeat: {period: 1m, grace: 30s}"""))));
        assertThat(service.views("acme")).extracting(MonitorView::name).containsExactly("nightly");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(firing(alert("db", "TCP", Map.of()))).as("a removed monitor's alert resolves").isFalse());
    }

    @Test
    void aMissedHeartbeatFiresAndTheNextPingResolvesIt() throws Exception {
        registry.apply(Compiled.load("acme", all(LocalServers.closedPort())));
        assertThat(view("nightly").state()).isEqualTo(MonitorView.UNKNOWN);
        assertThat(view("nightly").pushPath()).isEqualTo("/api/v1/heartbeats/nightly");
        assertThat(service.ping("acme", "nightly")).isEqualTo(TenantMonitors.PingResult.OK);
        clock.advance(Duration.ofSeconds(85));
        Thread.sleep(1500);
        assertThat(firing(alert("nightly", "Heartbeat", Map.of()))).as("within period + grace").isFalse();

        clock.advance(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            AlertView missed = alert("nightly", "Heartbeat", Map.of());
            assertThat(firing(missed)).isTrue();
            assertThat(missed.labels()).containsEntry("alertname", "HeartbeatMissing");
            assertThat(missed.annotations().get("description")).startsWith("no ping since ")
                    .endsWith("expected every 1m with 30s grace");
        });
        assertThat(service.ping("acme", "nightly")).isEqualTo(TenantMonitors.PingResult.OK);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(firing(alert("nightly", "Heartbeat", Map.of()))).isFalse());
        assertThat(view("nightly").state()).isEqualTo(MonitorView.UP);
        assertThat(service.ping("acme", "web")).isEqualTo(TenantMonitors.PingResult.NOT_A_HEARTBEAT);
        assertThat(service.ping("acme", "nope")).isEqualTo(TenantMonitors.PingResult.NO_SUCH_MONITOR);
    }

    private MonitorView view(String name) {
        return service.views("acme").stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow();
    }
}
