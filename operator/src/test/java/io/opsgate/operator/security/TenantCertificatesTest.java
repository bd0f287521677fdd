package io.opsgate.operator.security;

import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantCertificatesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T04:00:00Z");

    @Test
    void theServerCertificateNamesBothServicesInLongAndShortFormsAndChainsToTheTenantCa() throws Exception {
        TenantCertificates.Authority ca = TenantCertificates.authority("acme", NOW);
        TenantCertificates.ServerCertificate server = TenantCertificates.server(ca,
                TenantCertificates.serviceNames("opsgate-acme"), List.of(), NOW);
        X509Certificate cert = server.certificate();
        List<String> sans = cert.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList();
        assertThat(sans).contains("opsgate-ingest.opsgate-acme.svc", "opsgate-notify.opsgate-acme.svc",
                "opsgate-ingest.opsgate-acme", "opsgate-notify", "opsgate-ingest.opsgate-acme.svc.cluster.local");
        cert.verify(ca.certificate().getPublicKey());
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(TenantCertificates.SERVER_VALIDITY));
        assertThat(server.caPem()).isEqualTo(ca.certificatePem());
        assertThat(TenantCertificates.parsePrivateKey(server.keyPem()).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void anotherTenantsCaDoesNotVerifyTheCertificate() {
        TenantCertificates.Authority acme = TenantCertificates.authority("acme", NOW);
        TenantCertificates.Authority other = TenantCertificates.authority("other", NOW);
        X509Certificate cert = TenantCertificates.server(acme, List.of("opsgate-ingest.opsgate-acme.svc"), List.of(), NOW)
                .certificate();
        assertThatThrownBy(() -> cert.verify(other.certificate().getPublicKey())).isInstanceOf(java.security.SignatureException.class);
    }

    @Test
    void aCertificateIsDueWithThirtyDaysLeft() {
        TenantCertificates.Authority ca = TenantCertificates.authority("acme", NOW);
        X509Certificate cert = TenantCertificates.server(ca, List.of("x"), List.of(), NOW).certificate();
        assertThat(TenantCertificates.due(cert, TenantCertificates.RENEW_BEFORE, NOW.plus(Duration.ofDays(59)))).isFalse();
        assertThat(TenantCertificates.due(cert, TenantCertificates.RENEW_BEFORE, NOW.plus(Duration.ofDays(60)))).isTrue();
        assertThat(TenantCertificates.due(cert, TenantCertificates.RENEW_BEFORE, NOW.plus(Duration.ofDays(91)))).isTrue();
    }

    @Test
    void aServerCertificateNeverOutlivesItsCa() {
        TenantCertificates.Authority ca = TenantCertificates.authority("acme", NOW.minus(TenantCertificates.CA_VALIDITY).plus(Duration.ofDays(10)));
        X509Certificate cert = TenantCertificates.server(ca, List.of("x"), List.of(), NOW).certificate();
        assertThat(cert.getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
    }
}
