package io.opsgate.engine.monitors;

import com.sun.net.httpserver.HttpServer;
import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.egress.EgressPolicy;
import io.opsgate.api.v1alpha1.DnsCheck;
import io.opsgate.api.v1alpha1.EgressRule;
import io.opsgate.api.v1alpha1.HttpCheck;
import io.opsgate.api.v1alpha1.PrometheusQueryCheck;
import io.opsgate.api.v1alpha1.TcpCheck;
import io.opsgate.api.v1alpha1.TlsCheck;
import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.support.FakeDnsServer;
import io.opsgate.engine.support.TestCertificateAuthority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Every check type against a local peer: what counts as up, and what a failure says. */
class CheckRunnersIT {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static TestCertificateAuthority certs;
    static CheckResources trusting;
    static CheckResources jvmTrust;
    static LocalServers.Web web;
    static LocalServers.Web expiring;
    static LocalServers.Web healthy;
    static HttpServer prometheus;
    static final Clock CLOCK = Clock.systemUTC();
    /** The local peers all live on loopback, which a tenant reaches only when its spec.egress names it. */
    static final Supplier<EgressGate> LOOPBACK = () -> EgressGate.of(EgressPolicy.of("test",
            List.of(new EgressRule("127.0.0.1/32", List.of())), new EgressGuard()));

    @BeforeAll
    static void start() throws Exception {
        certs = new TestCertificateAuthority();
        trusting = new CheckResources(certs.trust());
        jvmTrust = new CheckResources(null);
        web = new LocalServers.Web();
        expiring = LocalServers.https(certs.server(Instant.now().plus(Duration.ofDays(3))).context());
        healthy = LocalServers.https(certs.server(Instant.now().plus(Duration.ofDays(365))).context());
        prometheus = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        prometheus.createContext("/api/v1/query", x -> {
            String q = java.net.URLDecoder.decode(x.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            String body = q.contains("query=disk_used_ratio")
                    ? "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                    + "{\"metric\":{\"instance\":\"db-1\"},\"value\":[1700000000,\"0.97\"]},"
                    + "{\"metric\":{\"instance\":\"db-2\"},\"value\":[1700000000,\"0.40\"]}]}}"
                    : q.contains("query=scalar(1)")
                    ? "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000,\"1\"]}}"
                    : q.contains("query=absent_series")
                    ? "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"
                    : "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}";
            LocalServers.send(x, body.contains("\"error\"") ? 400 : 200, body);
        });
        prometheus.start();
    }

    @AfterAll
    static void stop() {
        web.close();
        expiring.close();
        healthy.close();
        prometheus.stop(0);
        trusting.close();
        jvmTrust.close();
    }

    private static HttpCheck http(String url) {
        HttpCheck h = new HttpCheck();
        h.url = url;
        return h;
    }

    private static CheckOutcome run(HttpCheck h, CheckResources r) {
        return new HttpCheckRunner(h, r, LOOPBACK, CLOCK).run(TIMEOUT);
    }

    @Test
    void httpStatusBodyAndLatency() {
        assertThat(run(http(web.url("/ok")), trusting)).satisfies(o -> {
            assertThat(o.up()).isTrue();
            assertThat(o.message()).isEqualTo("HTTP 200");
        });
        web.flipStatus.set(500);
        CheckOutcome down = run(http(web.url("/flip")), trusting);
        assertThat(down.up()).isFalse();
        assertThat(down.message()).isEqualTo("HTTP 500, expected 2xx");
        HttpCheck expected500 = http(web.url("/flip"));
        expected500.expectedStatus = List.of(500);
        assertThat(run(expected500, trusting).up()).isTrue();

        HttpCheck body = http(web.url("/ok"));
        body.bodyContains = "opsgate";
        body.bodyMatches = "hel+o\\s+ops";
        assertThat(run(body, trusting).up()).isTrue();
        body.bodyMatches = "^goodbye";
        assertThat(run(body, trusting).message()).isEqualTo("the body does not match /^goodbye/");

        HttpCheck slow = http(web.url("/slow"));
        slow.maxLatency = "100ms";
        assertThat(run(slow, trusting).message()).isEqualTo("answered in more than 100ms");
        slow.maxLatency = "5s";
        assertThat(run(slow, trusting).up()).isTrue();
    }

    @Test
    void httpMethodHeadersBodyAndRedirects() {
        HttpCheck post = http(web.url("/echo"));
        post.method = HttpCheck.HttpMethod.POST;
        post.headers = Map.of("X-Probe", "p1");
        post.body = "payload";
        post.bodyContains = "POST p1 payload";
        assertThat(run(post, trusting).up()).isTrue();

        HttpCheck moved = http(web.url("/moved"));
        assertThat(run(moved, trusting).up()).as("redirects are followed by default").isTrue();
        moved.followRedirects = false;
        assertThat(run(moved, trusting).message()).isEqualTo("HTTP 302, expected 2xx");
    }

    @Test
    void httpsCertificateExpiryAndTrust() {
        HttpCheck soon = http(expiring.url("/ok"));
        soon.tlsExpiryDays = 14;
        CheckOutcome o = run(soon, trusting);
        assertThat(o.up()).isFalse();
        assertThat(o.message()).contains("expires at").contains("(in 2 days)").contains("within the 14 days");
        soon.tlsExpiryDays = 2;
        assertThat(run(soon, trusting).up()).isTrue();

        HttpCheck untrusted = http(healthy.url("/ok"));
        assertThat(run(untrusted, jvmTrust).message()).startsWith("TLS handshake failed");
        untrusted.insecureSkipVerify = true;
        untrusted.tlsExpiryDays = 14;
        assertThat(run(untrusted, jvmTrust).up()).as("insecureSkipVerify skips trust, not the expiry check").isTrue();
        HttpCheck insecureSoon = http(expiring.url("/ok"));
        insecureSoon.insecureSkipVerify = true;
        insecureSoon.tlsExpiryDays = 14;
        assertThat(run(insecureSoon, jvmTrust).message()).contains("(in 2 days)");
    }

    @Test
    void tlsCheckSeesExpiryAndTrust() throws Exception {
        TlsCheck soon = tls(expiring.port());
        CheckOutcome o = new TlsCheckRunner(soon, trusting, LOOPBACK, CLOCK).run(TIMEOUT);
        assertThat(o.up()).isFalse();
        assertThat(o.message()).startsWith("certificate CN=localhost expires at").contains("(in 2 days)")
                .doesNotContain("not trusted");

        assertThat(new TlsCheckRunner(tls(healthy.port()), trusting, LOOPBACK, CLOCK).run(TIMEOUT).message())
                .startsWith("certificate valid until");
        CheckOutcome untrusted = new TlsCheckRunner(tls(healthy.port()), jvmTrust, LOOPBACK, CLOCK).run(TIMEOUT);
        assertThat(untrusted.up()).isFalse();
        assertThat(untrusted.message()).startsWith("certificate not trusted");
        TlsCheck wrongName = tls(healthy.port());
        wrongName.serverName = "db.example.com";
        assertThat(new TlsCheckRunner(wrongName, trusting, LOOPBACK, CLOCK).run(TIMEOUT).message())
                .as("host name verification").contains("not trusted");
        assertThat(new TlsCheckRunner(tls(LocalServers.closedPort()), trusting, LOOPBACK, CLOCK).run(TIMEOUT).message())
                .endsWith("connection refused");
    }

    private static TlsCheck tls(int port) {
        TlsCheck t = new TlsCheck();
        t.host = "127.0.0.1";
        t.port = port;
        t.serverName = "localhost";
        t.expiryDays = 14;
        return t;
    }

    @Test
    void tcpConnectsOrSaysWhyNot() throws Exception {
        TcpCheck open = new TcpCheck();
        open.host = "127.0.0.1";
        open.port = web.port();
        assertThat(new TcpCheckRunner(open, LOOPBACK).run(TIMEOUT).up()).isTrue();
        TcpCheck closed = new TcpCheck();
        closed.host = "127.0.0.1";
        closed.port = LocalServers.closedPort();
        CheckOutcome o = new TcpCheckRunner(closed, LOOPBACK).run(TIMEOUT);
        assertThat(o.up()).isFalse();
        assertThat(o.message()).isEqualTo("127.0.0.1:" + closed.port + ": connection refused");
    }

    @Test
    void dnsAnswersAreComparedWithTheExpectedRecords() throws Exception {
        try (FakeDnsServer dns = new FakeDnsServer().a("db.acme.test", "192.0.2.10", "192.0.2.11")
                .txt("acme.test", "v=spf1 -all")) {
            DnsCheck a = new DnsCheck();
            a.name = "db.acme.test";
            a.server = "127.0.0.1:" + dns.port();
            a.expected = List.of("192.0.2.11");
            assertThat(new DnsCheckRunner(a, trusting, LOOPBACK).run(TIMEOUT).message()).isEqualTo("answered [192.0.2.10, 192.0.2.11]");
            a.expected = List.of("192.0.2.99");
            CheckOutcome missing = new DnsCheckRunner(a, trusting, LOOPBACK).run(TIMEOUT);
            assertThat(missing.up()).isFalse();
            assertThat(missing.message()).contains("missing [192.0.2.99]");

            DnsCheck txt = new DnsCheck();
            txt.name = "acme.test";
            txt.recordType = DnsCheck.RecordType.TXT;
            txt.server = "127.0.0.1:" + dns.port();
            txt.expected = List.of("v=spf1 -all");
            assertThat(new DnsCheckRunner(txt, trusting, LOOPBACK).run(TIMEOUT).up()).isTrue();

            DnsCheck unknown = new DnsCheck();
            unknown.name = "nothing.acme.test";
            unknown.server = "127.0.0.1:" + dns.port();
            assertThat(new DnsCheckRunner(unknown, trusting, LOOPBACK).run(TIMEOUT).up()).isFalse();
        }
    }

    @Test
    void prometheusQueriesCompareEverySampleWithTheThreshold() {
        PrometheusQueryCheck p = prom("disk_used_ratio", 0.9);
        CheckOutcome o = new PrometheusQueryCheckRunner(p, trusting, LOOPBACK).run(TIMEOUT);
        assertThat(o.up()).isFalse();
        assertThat(o.message()).as("the series' labels are the Prometheus server's, not the tenant's")
                .isEqualTo("1 of 2 samples > 0.9");
        p.operator = PrometheusQueryCheck.Operator.LT;
        p.threshold = 0.1;
        assertThat(new PrometheusQueryCheckRunner(p, trusting, LOOPBACK).run(TIMEOUT).message()).isEqualTo("no sample < 0.1");
        assertThat(new PrometheusQueryCheckRunner(prom("scalar(1)", 0), trusting, LOOPBACK).run(TIMEOUT).up()).isFalse();

        PrometheusQueryCheck empty = prom("absent_series", 0);
        assertThat(new PrometheusQueryCheckRunner(empty, trusting, LOOPBACK).run(TIMEOUT).up()).isTrue();
        empty.failWhenEmpty = true;
        assertThat(new PrometheusQueryCheckRunner(empty, trusting, LOOPBACK).run(TIMEOUT).message())
                .isEqualTo("the query returned no samples");
        assertThat(new PrometheusQueryCheckRunner(prom("(((", 0), trusting, LOOPBACK).run(TIMEOUT).message())
                .as("the server's error text stays out").isEqualTo("query failed: HTTP 400");
    }

    private static PrometheusQueryCheck prom(String query, double threshold) {
        PrometheusQueryCheck p = new PrometheusQueryCheck();
        p.url = "http://127.0.0.1:" + prometheus.getAddress().getPort() + "/";
        p.query = query;
        p.threshold = threshold;
        return p;
    }
}
