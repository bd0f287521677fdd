package io.opsgate.operator.security;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Issues a tenant's TLS material with BouncyCastle (ISO/IEC 27017 10.1.1): a per-tenant CA and a
 * server certificate for the ingest and notify Services, ECDSA P-256 / SHA-256. Pure apart from the
 * randomness of keys and serial numbers; PEM in, PEM out.
 */
public final class TenantCertificates {

    /** Lifetime of a server certificate. */
    public static final Duration SERVER_VALIDITY = Duration.ofDays(90);
    /** A server certificate with less than this left is renewed. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** Lifetime of a tenant CA; it is replaced when a server certificate it signs would outlive it. */
    public static final Duration CA_VALIDITY = Duration.ofDays(5 * 365);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SIGNATURE = "SHA256withECDSA";

    private TenantCertificates() {
    }

    /** A CA certificate and its key, PEM. */
    public record Authority(String certificatePem, String keyPem) {
        public X509Certificate certificate() {
            return parseCertificate(certificatePem);
        }
    }

    /** A server certificate and its key, PEM, with the CA that signed it. */
    public record ServerCertificate(String certificatePem, String keyPem, String caPem) {
        public X509Certificate certificate() {
            return parseCertificate(certificatePem);
        }
    }

    /** The DNS names of the ingest and notify Services of {@code namespace}, long and short forms. */
    public static List<String> serviceNames(String namespace) {
        List<String> names = new ArrayList<>();
        for (String service : List.of("opsgate-ingest", "opsgate-notify")) {
            names.add(service + "." + namespace + ".svc");
            names.add(service + "." + namespace + ".svc.cluster.local");
            names.add(service + "." + namespace);
            names.add(service);
        }
        return names;
    }

    public static Authority authority(String tenant, Instant now) {
        KeyPair keys = keyPair();
        X500Name subject = new X500Name("CN=opsgate tenant " + tenant + " CA,O=opsgate");
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(CA_VALIDITY)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate cert = sign(b, keys.getPrivate());
            return new Authority(pem(cert), pem(keys.getPrivate()));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue the tenant CA", e);
        }
    }

    /**
     * A server certificate signed by {@code ca} for {@code dnsNames} (and {@code ipAddresses}, which
     * only tests use), valid {@link #SERVER_VALIDITY} but never beyond the CA.
     */
    public static ServerCertificate server(Authority ca, List<String> dnsNames, List<String> ipAddresses, Instant now) {
        KeyPair keys = keyPair();
        X509Certificate caCert = ca.certificate();
        Instant notAfter = now.plus(SERVER_VALIDITY);
        if (notAfter.isAfter(caCert.getNotAfter().toInstant())) {
            notAfter = caCert.getNotAfter().toInstant();
        }
        List<GeneralName> sans = new ArrayList<>();
        dnsNames.forEach(n -> sans.add(new GeneralName(GeneralName.dNSName, n)));
        ipAddresses.forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, ip)));
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, serial(), Date.from(now.minusSeconds(60)),
                    Date.from(notAfter), new X500Name("CN=" + dnsNames.get(0)), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
            X509Certificate cert = sign(b, parsePrivateKey(ca.keyPem()));
            return new ServerCertificate(pem(cert), pem(keys.getPrivate()), ca.certificatePem());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue the server certificate", e);
        }
    }

    /** Whether a certificate must be replaced now: expired, or less than {@code before} left. */
    public static boolean due(X509Certificate cert, Duration before, Instant now) {
        return !cert.getNotAfter().toInstant().isAfter(now.plus(before));
    }

    public static X509Certificate parseCertificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
        }
    }

    static PrivateKey parsePrivateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalArgumentException("not a PEM private key");
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PEM private key: " + e.getMessage(), e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    /** Certificates as CERTIFICATE, keys as PKCS#8 PRIVATE KEY (what every TLS stack reads). */
    private static String pem(Object o) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            if (o instanceof PrivateKey key) {
                pem.writeObject(new JcaPKCS8Generator(key, null));
            } else {
                pem.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
