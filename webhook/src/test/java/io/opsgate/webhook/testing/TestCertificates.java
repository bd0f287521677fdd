package io.opsgate.webhook.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A throw-away CA and serving certificates for 127.0.0.1, made in the test with BouncyCastle, in
 * the shapes the chart's Secrets have: an RSA key in PKCS#1 PEM as Helm's genSignedCert writes it,
 * or a key in PKCS#8 PEM as cert-manager writes it (EC here: quick to generate).
 */
public final class TestCertificates {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestCertificates(KeyPair caKeys, X509Certificate ca) {
        this.caKeys = caKeys;
        this.ca = ca;
    }

    /** Key types and PEM encodings of a serving certificate's key. */
    public enum KeyFormat {
        /** "BEGIN RSA PRIVATE KEY", as Helm's genSignedCert writes it. */
        RSA_PKCS1,
        /** "BEGIN PRIVATE KEY" holding an EC key, as cert-manager writes a PKCS8-encoded key. */
        EC_PKCS8
    }

    /** A new CA. */
    public static TestCertificates newCa() {
        try {
            KeyPair keys = ec();
            X500Name name = new X500Name("CN=opsgate-test-ca");
            X509v3CertificateBuilder b = builder(name, name, keys);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestCertificates(keys, sign(b, keys));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test CA", e);
        }
    }

    public X509Certificate ca() {
        return ca;
    }

    /** A serving certificate for 127.0.0.1 and localhost with an EC key in PKCS#8, signed by this CA. */
    public Issued issue() {
        return issue(KeyFormat.EC_PKCS8);
    }

    /** A serving certificate for 127.0.0.1 and localhost, signed by this CA. */
    public Issued issue(KeyFormat format) {
        try {
            KeyPair keys = format == KeyFormat.RSA_PKCS1 ? rsa() : ec();
            X509v3CertificateBuilder b = builder(new X500Name("CN=opsgate-test-ca"), new X500Name("CN=opsgate-webhook"), keys);
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
            return new Issued(sign(b, caKeys), keys, format);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    /** A client SSL context that trusts only this CA. */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One certificate and its key. */
    public record Issued(X509Certificate certificate, KeyPair keys, KeyFormat format) {

        /** Writes tls.crt and tls.key into the directory, replacing what is there. */
        public void writeTo(Path dir) throws IOException {
            Files.createDirectories(dir);
            write(dir.resolve("tls.crt.tmp"), certificate);
            write(dir.resolve("tls.key.tmp"), format == KeyFormat.RSA_PKCS1 ? keys.getPrivate()
                    : new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null));
            Files.move(dir.resolve("tls.crt.tmp"), dir.resolve("tls.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(dir.resolve("tls.key.tmp"), dir.resolve("tls.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        private static void write(Path file, Object pem) throws IOException {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(out)) {
                w.writeObject(pem);
            }
            Files.writeString(file, out.toString());
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws Exception {
        ContentSigner s = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(s));
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }
}
