package io.opsgate.testing.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throw-away certificate authority made in the test with BouncyCastle, and the serving certificates
 * it issues for {@code 127.0.0.1} and {@code localhost}: test certificates are never committed.
 *
 * <p>Serving keys come in the shapes real Secrets have ({@link KeyFormat}): an RSA key in PKCS#1 PEM as
 * Helm's {@code genSignedCert} writes it, or an EC key in PKCS#8 PEM as cert-manager writes it. Each
 * certificate gets a new serial, so a test can tell which one a server presents.
 */
public final class TestCertificateAuthority {

    /** The CA's subject unless a test names another. */
    public static final String DEFAULT_NAME = "CN=opsgate test CA";
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final KeyPair keys;
    private final X500Name name;
    private final X509Certificate certificate;

    private TestCertificateAuthority(KeyPair keys, X500Name name, X509Certificate certificate) {
        this.keys = keys;
        this.name = name;
        this.certificate = certificate;
    }

    /** A new CA named {@link #DEFAULT_NAME}, valid from a day ago for ten years. */
    public static TestCertificateAuthority create() {
        return create(DEFAULT_NAME);
    }

    /**
     * A new CA with the given subject, valid from a day ago for ten years.
     *
     * @param subject an X.500 name such as {@code CN=opsgate external test CA}
     */
    public static TestCertificateAuthority create(String subject) {
        try {
            KeyPair keys = KeyFormat.EC_PKCS8.generate();
            X500Name name = new X500Name(subject);
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, nextSerial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestCertificateAuthority(keys, name, sign(b, keys));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test CA", e);
        }
    }

    /** The CA's own certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA's certificate as PEM. */
    public String certificatePem() {
        return Pem.of(certificate);
    }

    /**
     * A serving certificate for 127.0.0.1 and localhost, subject {@code CN=localhost}, with an EC key in
     * PKCS#8, valid from a day ago for two days.
     */
    public IssuedCertificate issue() {
        return issue(KeyFormat.EC_PKCS8);
    }

    /** Like {@link #issue()}, with the key in the given format. */
    public IssuedCertificate issue(KeyFormat format) {
        return issue(format, Instant.now().plus(Duration.ofDays(1)));
    }

    /** Like {@link #issue()}, valid until {@code notAfter} (to test expiry checks). */
    public IssuedCertificate issue(Instant notAfter) {
        return issue(KeyFormat.EC_PKCS8, notAfter);
    }

    /** A serving certificate for 127.0.0.1 and localhost with the key in {@code format}, valid until {@code notAfter}. */
    public IssuedCertificate issue(KeyFormat format, Instant notAfter) {
        try {
            KeyPair serverKeys = format.generate();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, nextSerial(),
                    Date.from(Instant.now().minus(Duration.ofDays(1))), Date.from(notAfter), new X500Name("CN=localhost"),
                    serverKeys.getPublic());
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            return new IssuedCertificate(sign(b, keys), serverKeys, format, certificate);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    /** A trust manager that trusts this CA and nothing else. */
    public X509TrustManager trustManager() {
        return (X509TrustManager) trustManagers().getTrustManagers()[0];
    }

    /** A client SSL context that trusts this CA and nothing else. */
    public SSLContext clientContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trustManagers().getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private TrustManagerFactory trustManagers() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            return tmf;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger nextSerial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    /** Key types and PEM encodings of a serving certificate's key. */
    public enum KeyFormat {
        /** {@code BEGIN RSA PRIVATE KEY} (PKCS#1), as Helm's genSignedCert writes it. */
        RSA_PKCS1,
        /** {@code BEGIN PRIVATE KEY} (PKCS#8) holding an EC key, as cert-manager writes it; quick to generate. */
        EC_PKCS8,
        /** {@code BEGIN PRIVATE KEY} (PKCS#8) holding an RSA key. */
        RSA_PKCS8;

        KeyPair generate() throws GeneralSecurityException {
            KeyPairGenerator g = KeyPairGenerator.getInstance(this == EC_PKCS8 ? "EC" : "RSA");
            g.initialize(this == EC_PKCS8 ? 256 : 2048);
            return g.generateKeyPair();
        }
    }
}
