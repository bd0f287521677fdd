package io.opsgate.tls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.testing.tls.IssuedCertificate;
import io.opsgate.testing.tls.TestCertificateAuthority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsReloaderTest {

    static final Instant T0 = Instant.parse("2026-11-26T04:00:00.123Z");

    @TempDir
    Path dir;
    final TestCertificateAuthority ca = TestCertificateAuthority.create();
    IssuedCertificate first;
    TlsReloader reloader;
    final List<TlsMaterial> seen = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        first = ca.issue();
        first.writeTo(dir);
        reloader = new TlsReloader(dir.resolve("tls.crt"), dir.resolve("tls.key"), Clock.fixed(T0, ZoneOffset.UTC));
        reloader.onChange(seen::add);
    }

    @AfterEach
    void stop() {
        reloader.close();
    }

    @Test
    void startsWithTheFilesAsRead() throws Exception {
        assertThat(reloader.material().leaf()).isEqualTo(first.certificate());
        assertThat(reloader.current().getCertValue().toString()).isEqualTo(first.certificatePem());
        assertThat(reloader.current().getKeyValue().toString()).isEqualTo(first.keyPem());
        assertThat(reloader.certFile()).isEqualTo(dir.resolve("tls.crt"));
    }

    @Test
    void filesWithoutACertificateCannotStartIt() throws Exception {
        Files.writeString(dir.resolve("tls.crt"), "not a certificate");
        assertThatThrownBy(() -> new TlsReloader(dir.resolve("tls.crt"), dir.resolve("tls.key"), Clock.systemUTC()))
                .isInstanceOf(java.security.GeneralSecurityException.class);
    }

    @Test
    void aChangeIsAppliedOnlyOnceTwoPollsReadTheSameContent() throws Exception {
        assertThat(reloader.poll()).as("nothing changed").isFalse();
        IssuedCertificate next = ca.issue(TestCertificateAuthority.KeyFormat.RSA_PKCS1);
        next.writeTo(dir);

        assertThat(reloader.poll()).as("first sight").isFalse();
        assertThat(seen).isEmpty();
        assertThat(reloader.poll()).as("confirmed").isTrue();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).leaf()).isEqualTo(next.certificate());
        assertThat(reloader.material().leaf()).isEqualTo(next.certificate());
        assertThat(reloader.poll()).as("applied already").isFalse();
        assertThat(seen).hasSize(1);
    }

    @Test
    void aHalfWrittenPairIsNeverApplied() throws Exception {
        IssuedCertificate next = ca.issue();
        Files.writeString(dir.resolve("tls.crt"), next.certificatePem());
        assertThat(reloader.poll()).isFalse();
        next.writeTo(dir);
        assertThat(reloader.poll()).as("the key changed since the last poll").isFalse();
        assertThat(reloader.poll()).isTrue();
        assertThat(seen).singleElement().isEqualTo(new TlsMaterial(next.certificatePem().getBytes(),
                next.keyPem().getBytes()));
    }

    @Test
    void contentWithoutACertificateIsRefusedAndTheOldOneStays() throws Exception {
        Files.writeString(dir.resolve("tls.crt"), "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
        for (int i = 0; i < 5; i++) {
            assertThat(reloader.poll()).isFalse();
        }
        assertThat(seen).isEmpty();
        assertThat(reloader.material().leaf()).isEqualTo(first.certificate());

        IssuedCertificate repaired = ca.issue();
        repaired.writeTo(dir);
        reloader.poll();
        assertThat(reloader.poll()).isTrue();
        assertThat(reloader.material().leaf()).isEqualTo(repaired.certificate());
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() throws Exception {
        List<TlsMaterial> after = new ArrayList<>();
        TlsReloader r = new TlsReloader(dir.resolve("tls.crt"), dir.resolve("tls.key"), Clock.systemUTC());
        try {
            r.onChange(m -> {
                throw new IllegalStateException("refused by this listener");
            });
            r.onChange(after::add);
            ca.issue().writeTo(dir);
            r.poll();
            assertThat(r.poll()).isTrue();
            assertThat(after).hasSize(1);
        } finally {
            r.close();
        }
    }

    @Test
    void theEvidenceNamesTheCertificateAndWhenItWasLoaded() {
        ObjectNode e = reloader.evidence(true);
        assertThat(e.path("enabled").asBoolean()).isTrue();
        assertThat(e.path("certificateNotAfter").asText())
                .isEqualTo(first.certificate().getNotAfter().toInstant().toString());
        assertThat(e.path("certificateSubject").asText()).isEqualTo("CN=localhost");
        assertThat(e.path("reloadedAt").asText()).isEqualTo("2026-11-26T04:00:00.123Z");
        assertThat(e.path("metricsPlain").asBoolean()).isTrue();

        ObjectNode plain = TlsReloader.plain(false);
        assertThat(plain.path("enabled").asBoolean()).isFalse();
        assertThat(plain.get("certificateNotAfter").isNull()).isTrue();
        assertThat(plain.path("metricsPlain").asBoolean()).isFalse();
    }
}
