package io.opsgate.tls;

import io.opsgate.testing.tls.IssuedCertificate;
import io.opsgate.testing.tls.TestCertificateAuthority;
import io.opsgate.testing.tls.TestCertificateAuthority.KeyFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsContextsTest {

    final TestCertificateAuthority ca = TestCertificateAuthority.create();

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void aServerContextFromPemServesTheCertificate(KeyFormat format) throws Exception {
        IssuedCertificate issued = ca.issue(format);
        TlsMaterial material = new TlsMaterial(issued.certificatePem().getBytes(StandardCharsets.US_ASCII),
                issued.keyPem().getBytes(StandardCharsets.US_ASCII));
        try (SSLServerSocket server = (SSLServerSocket) material.serverContext().getServerSocketFactory()
                .createServerSocket(0)) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                } catch (IOException e) {
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

    @Test
    void aFileWithoutAKeyIsNamed() {
        IssuedCertificate issued = ca.issue();
        byte[] cert = issued.certificatePem().getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> TlsContexts.readPem(cert, cert, "tls.crt", "tls.key"))
                .isInstanceOf(IOException.class).hasMessage("tls.key holds no PEM private key");
        assertThatThrownBy(() -> TlsContexts.readPem(new byte[0], cert, "tls.crt", "tls.key"))
                .isInstanceOf(IOException.class).hasMessage("tls.crt holds no PEM certificate");
    }

    @Test
    void aSelfSignedCertificateNamesTheHost() throws Exception {
        TlsContexts.KeyAndChain kc = TlsContexts.selfSigned("mail.example");
        assertThat(kc.chain()[0].getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1))
                .contains("localhost", "127.0.0.1", "mail.example");
    }
}
