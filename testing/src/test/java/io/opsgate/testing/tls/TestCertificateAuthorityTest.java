package io.opsgate.testing.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestCertificateAuthorityTest {

    final TestCertificateAuthority ca = TestCertificateAuthority.create();

    @Test
    void issuedCertificatesChainToTheCaAndNameTheLoopback() throws Exception {
        IssuedCertificate issued = ca.issue();
        issued.certificate().verify(ca.certificate().getPublicKey());
        ca.trustManager().checkServerTrusted(new X509Certificate[]{issued.certificate(), ca.certificate()}, "ECDHE_ECDSA");
        assertThat(issued.certificate().getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1))
                .containsExactlyInAnyOrder("127.0.0.1", "localhost");
        assertThat(issued.certificate().getSerialNumber()).isNotEqualTo(ca.issue().certificate().getSerialNumber());
    }

    @Test
    void aCertificateOfAnotherCaIsNotTrusted() {
        IssuedCertificate foreign = TestCertificateAuthority.create("CN=other").issue();
        assertThatThrownBy(() -> ca.trustManager().checkServerTrusted(new X509Certificate[]{foreign.certificate()},
                "ECDHE_ECDSA")).isInstanceOf(java.security.cert.CertificateException.class);
    }

    @Test
    void keysArePemInTheFormatsRealSecretsHave() {
        assertThat(ca.issue(TestCertificateAuthority.KeyFormat.RSA_PKCS1).keyPem()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(ca.issue(TestCertificateAuthority.KeyFormat.EC_PKCS8).keyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(ca.issue(TestCertificateAuthority.KeyFormat.RSA_PKCS8).keyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(ca.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void theEndOfValidityIsTheOneAskedFor() {
        Instant notAfter = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        assertThat(ca.issue(notAfter).certificate().getNotAfter().toInstant()).isEqualTo(notAfter);
    }

    @Test
    void filesAndKeyStoresHoldTheIssuedCertificate(@TempDir Path dir) throws Exception {
        IssuedCertificate issued = ca.issue();
        issued.writeTo(dir);
        try (InputStream in = Files.newInputStream(dir.resolve("tls.crt"))) {
            assertThat(CertificateFactory.getInstance("X.509").generateCertificate(in)).isEqualTo(issued.certificate());
        }
        assertThat(Files.readString(dir.resolve("tls.key"))).isEqualTo(issued.keyPem());

        Path p12 = issued.writePkcs12(dir.resolve("server.p12"), IssuedCertificate.KEY_STORE_PASSWORD);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, IssuedCertificate.KEY_STORE_PASSWORD);
        }
        assertThat(ks.getCertificateChain("server")).containsExactly(issued.certificate(), ca.certificate());
    }

    @Test
    void aServerContextAndTheCasClientContextShakeHands() throws Exception {
        IssuedCertificate issued = ca.issue(TestCertificateAuthority.KeyFormat.RSA_PKCS1);
        try (SSLServerSocket server = (SSLServerSocket) issued.serverContext().getServerSocketFactory().createServerSocket(0)) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) ca.clientContext().getSocketFactory()
                    .createSocket("127.0.0.1", server.getLocalPort())) {
                client.setSoTimeout(10_000);
                client.startHandshake();
                assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(issued.certificate());
            }
            accepted.get(10, TimeUnit.SECONDS);
        }
    }
}
