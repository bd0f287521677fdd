package io.opsgate.webhook.tls;

import io.opsgate.testing.tls.IssuedCertificate;
import io.opsgate.testing.tls.TestCertificateAuthority;
import io.opsgate.webhook.testing.RunningWebhook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

import static io.opsgate.webhook.testing.AdmissionRequests.create;
import static io.opsgate.webhook.testing.AdmissionRequests.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A certificate rotated in the mounted Secret is served to new connections without a restart. */
class CertificateRotationIT {

    @TempDir
    Path tls;
    private RunningWebhook webhook;

    @BeforeEach
    void start() throws Exception {
        webhook = RunningWebhook.start(tls, Duration.ofMillis(100));
    }

    @AfterEach
    void stop() throws Exception {
        webhook.close();
    }

    @Test
    void aNewConnectionSeesTheNewCertificate() throws Exception {
        int port = webhook.admissionPort();
        BigInteger first = servedSerial();
        assertThat(first).isEqualTo(fileSerial());

        // The first certificate has an EC key in PKCS#8 (cert-manager); the next an RSA key in PKCS#1 (Helm).
        IssuedCertificate next = webhook.ca().issue(TestCertificateAuthority.KeyFormat.RSA_PKCS1);
        next.writeTo(tls);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(servedSerial()).isEqualTo(next.certificate().getSerialNumber()));
        assertThat(webhook.admissionPort()).as("the same listener").isEqualTo(port);
        assertThat(webhook.post("/validate", create(object("""
                apiVersion: opsgate.io/v1alpha1
                kind: OpsJobRun
                metadata: {name: r1, namespace: opsgate-demo}
                spec: {opsJob: backup}
                """))).statusCode()).isEqualTo(200);
    }

    @Test
    void aBrokenCertificateFileIsNotServedAndTheOldOneStays() throws Exception {
        BigInteger first = servedSerial();
        Files.writeString(tls.resolve("tls.crt"), "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");

        // Ten polls at least: the reloader has seen the broken content settle and refused it.
        Thread.sleep(1000);
        assertThat(servedSerial()).isEqualTo(first);

        IssuedCertificate repaired = webhook.ca().issue();
        repaired.writeTo(tls);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(servedSerial()).isEqualTo(repaired.certificate().getSerialNumber()));
    }

    /** Opens a new TLS connection and returns the serial of the certificate the server presents. */
    private BigInteger servedSerial() throws Exception {
        try (SSLSocket socket = (SSLSocket) webhook.ca().clientContext().getSocketFactory()
                .createSocket("127.0.0.1", webhook.admissionPort())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private BigInteger fileSerial() throws Exception {
        try (InputStream in = Files.newInputStream(tls.resolve("tls.crt"))) {
            return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)).getSerialNumber();
        }
    }
}
