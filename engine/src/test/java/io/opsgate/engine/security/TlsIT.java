package io.opsgate.engine.security;

import io.opsgate.engine.handoff.HttpNotifyLink;
import io.opsgate.engine.notify.InternalToken;
import io.opsgate.engine.support.SecureEngine;
import io.opsgate.engine.support.TestCertificateAuthority;
import io.opsgate.tls.TlsMaterial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The API listener over real TLS with BouncyCastle certificates: HTTPS only, /metrics on the plain
 * metrics port, a renewed certificate seen by new connections without dropping the listener or open
 * connections, and a client that verifies ca.crt (as ingest calling notify); the SMTP intake's STARTTLS
 * serves the same certificate and follows its renewal.
 */
class TlsIT {
    @TempDir
    static Path root;
    static TestCertificateAuthority pki;
    static Path tlsDir;
    static Path caFile;
    static SecureEngine engine;
    static SSLContext trust;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestCertificateAuthority();
        tlsDir = Files.createDirectories(root.resolve("tls"));
        caFile = pki.writeCa(tlsDir);
        pki.issue(tlsDir, 100, Duration.ofDays(10));
        engine = new SecureEngine(root).config("t.yaml", """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: zeta}
                spec:
                  egress: [{cidr: 127.0.0.1/32}]
                  apiTokens:
                    - {name: reader, scopes: [Read]}
                """).token("zeta", "reader", "zeta-reader-token-0000000000000000000000");
        engine.start(Clock.systemUTC(), "--tls-cert=" + tlsDir.resolve("tls.crt"), "--tls-key=" + tlsDir.resolve("tls.key"),
                "--tls-ca=" + caFile, "--metrics-listen=127.0.0.1:0", "--smtp-listen=127.0.0.1:0");
        trust = TlsMaterial.trusting(caFile);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static HttpClient client() {
        return HttpClient.newBuilder().sslContext(trust).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    static HttpResponse<String> get(HttpClient client, String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static BigInteger serialSeenByANewConnection() throws Exception {
        HttpResponse<String> r = get(client(), "https://127.0.0.1:" + engine.server.port() + "/healthz", null);
        return ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
    }

    /** The serial of the certificate a new SMTP session gets after STARTTLS, verified against ca.crt. */
    static BigInteger serialSeenBySmtpStarttls() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", engine.server.smtpPort())) {
            plain.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(plain.getOutputStream(), StandardCharsets.US_ASCII);
            assertThat(reply(in)).startsWith("220");
            out.write("EHLO tls-test\r\n");
            out.flush();
            assertThat(reply(in)).contains("STARTTLS");
            out.write("STARTTLS\r\n");
            out.flush();
            assertThat(reply(in)).startsWith("220");
            try (SSLSocket tls = (SSLSocket) trust.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), false)) {
                tls.startHandshake();
                return ((X509Certificate) tls.getSession().getPeerCertificates()[0]).getSerialNumber();
            }
        }
    }

    /** One SMTP reply, all its lines ("250-..." continues, "250 ..." ends). */
    static String reply(BufferedReader in) throws IOException {
        StringBuilder all = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            assertThat(line).as("SMTP reply so far: %s", all).isNotNull();
            all.append(line).append('\n');
        } while (line.length() > 3 && line.charAt(3) == '-');
        return all.toString();
    }

    @Test
    void smtpStarttlsServesTheListenersCertificate() throws Exception {
        assertThat(serialSeenBySmtpStarttls()).isEqualTo(serialSeenByANewConnection());
    }

    @Test
    void theApiIsServedOverTlsOnlyAndMetricsOnThePlainPort() throws Exception {
        HttpResponse<String> r = get(client(), "https://127.0.0.1:" + engine.server.port() + "/api/v2/status",
                engine.token("zeta/reader"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.sslSession()).isPresent();
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        assertThatThrownBy(() -> get(plain, "http://127.0.0.1:" + engine.server.port() + "/api/v2/status",
                engine.token("zeta/reader"))).isInstanceOf(IOException.class);
        HttpResponse<String> metrics = get(plain, "http://127.0.0.1:" + engine.server.metricsPort() + "/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("opsgate_");
        assertThat(get(plain, "http://127.0.0.1:" + engine.server.metricsPort() + "/api/v2/status", null).statusCode())
                .isEqualTo(404);
        HttpResponse<String> evidence = get(client(), "https://127.0.0.1:" + engine.server.port()
                + "/internal/v1/security?tenant=zeta", SecureEngine.INTERNAL_TOKEN);
        assertThat(evidence.body()).contains("\"enabled\":true").contains("\"metricsPlain\":true")
                .contains("certificateNotAfter");
    }

    @Test
    void aRenewedCertificateIsServedToNewConnectionsWithoutDroppingTheListener() throws Exception {
        HttpClient kept = client();
        String url = "https://127.0.0.1:" + engine.server.port() + "/healthz";
        assertThat(get(kept, url, null).statusCode()).isEqualTo(200);
        assertThat(serialSeenByANewConnection()).isEqualTo(BigInteger.valueOf(100));
        X509Certificate renewed = pki.issue(tlsDir, 200, Duration.ofDays(20));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> serialSeenByANewConnection().equals(BigInteger.valueOf(200)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> serialSeenBySmtpStarttls().equals(BigInteger.valueOf(200)));
        assertThat(get(kept, url, null).statusCode()).isEqualTo(200);
        HttpResponse<String> evidence = get(client(), "https://127.0.0.1:" + engine.server.port()
                + "/internal/v1/security?tenant=zeta", SecureEngine.INTERNAL_TOKEN);
        assertThat(evidence.body()).contains(renewed.getNotAfter().toInstant().toString().substring(0, 16));
        Files.writeString(tlsDir.resolve("tls.crt"), "not a certificate");
        Thread.sleep(500);
        assertThat(serialSeenByANewConnection()).isEqualTo(BigInteger.valueOf(200));
        assertThat(serialSeenBySmtpStarttls()).isEqualTo(BigInteger.valueOf(200));
        pki.issue(tlsDir, 300, Duration.ofDays(20));
        await().atMost(Duration.ofSeconds(30)).until(() -> serialSeenByANewConnection().equals(BigInteger.valueOf(300)));
        await().atMost(Duration.ofSeconds(30)).until(() -> serialSeenBySmtpStarttls().equals(BigInteger.valueOf(300)));
    }

    @Test
    void theNotifyLinkVerifiesTheServerWithCaCrt() throws Exception {
        InternalToken token = new InternalToken(engine.internalTokenFile);
        URI base = URI.create("https://127.0.0.1:" + engine.server.port());
        HttpNotifyLink verified = new HttpNotifyLink(base, token, TlsMaterial.trusting(caFile));
        // The standalone listener has no notify reports route: a 404 answer proves the TLS handshake succeeded.
        // (Retried: the link's 3 s connect timeout covers the handshake, which a loaded machine can exceed.)
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try {
                verified.reports("zeta", 0, 10).join();
                return false;
            } catch (CompletionException e) {
                return e.getMessage().contains("404");
            }
        });
        HttpNotifyLink untrusting = new HttpNotifyLink(base, token, SSLContext.getDefault());
        assertThatThrownBy(() -> untrusting.reports("zeta", 0, 10).join()).isInstanceOf(CompletionException.class)
                .hasStackTraceContaining("SSLHandshakeException").hasStackTraceContaining("PKIX path building failed");
    }

    @Test
    void theSameFilesGiveAServerContextForListenersOutsideVertx() throws Exception {
        SSLContext server = TlsMaterial.read(tlsDir.resolve("tls.crt"), tlsDir.resolve("tls.key")).serverContext();
        try (javax.net.ssl.SSLServerSocket listener = (javax.net.ssl.SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try (java.net.Socket s = listener.accept()) {
                    s.getOutputStream().write(42);
                } catch (IOException e) {
                    // the client reports the failure
                }
            });
            accept.start();
            try (javax.net.ssl.SSLSocket client = (javax.net.ssl.SSLSocket) trust.getSocketFactory()
                    .createSocket("127.0.0.1", listener.getLocalPort())) {
                client.setSoTimeout(30_000);
                assertThat(client.getInputStream().read()).isEqualTo(42);
                assertThat(((X509Certificate) client.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName())
                        .startsWith("CN=opsgate-ingest-");
            }
            accept.join(30_000);
        }
    }
}
