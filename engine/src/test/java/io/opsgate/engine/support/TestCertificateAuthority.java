package io.opsgate.engine.support;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test CA made with BouncyCastle for one test run, and the server certificates it issues for 127.0.0.1 and
 * localhost: as an SSL context or PKCS12 key store for servers in the test ({@link #server}), or as PEM files
 * the engine reads ({@link #issue}); clients trust the CA ({@link #trust}, {@link #clientContext}).
 */
public final class TestCertificateAuthority {
    /** The password of the key stores {@link Server} writes. */
    public static final char[] PASSWORD = "changeit".toCharArray();
    private static final X500Name NAME = new X500Name("CN=opsgate test CA");
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair caKeys;
    private final X509Certificate ca;

    public TestCertificateAuthority() throws Exception {
        caKeys = keys();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(NAME, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), NAME, caKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca = sign(b);
    }

    public X509Certificate ca() {
        return ca;
    }

    /** Trusts this CA only. */
    public X509TrustManager trust() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return (X509TrustManager) tmf.getTrustManagers()[0];
    }

    /** A client's TLS context that trusts this CA only. */
    public SSLContext clientContext() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[]{trust()}, null);
        return ctx;
    }

    /** Writes the CA certificate as {@code ca.crt} (PEM) into {@code dir}. */
    public Path writeCa(Path dir) throws Exception {
        Path file = dir.resolve("ca.crt");
        Files.writeString(file, pem(ca));
        return file;
    }

    /** A server identity (CN=localhost) valid until {@code notAfter}, its chain ending in this CA. */
    public Server server(Instant notAfter) throws Exception {
        KeyPair keys = keys();
        X509Certificate cert = sign(leaf("CN=localhost", SERIAL.incrementAndGet(), keys,
                Instant.now().minus(Duration.ofDays(1)), notAfter));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", keys.getPrivate(), PASSWORD, new X509Certificate[]{cert, ca});
        return new Server(ks, cert);
    }

    /**
     * Issues a server certificate (serial number and CN=opsgate-ingest-{@code serial}) for {@code lifetime} and
     * writes {@code tls.key} (PKCS#8) and {@code tls.crt} into {@code dir}, the key first, as a Secret update may
     * land.
     */
    public X509Certificate issue(Path dir, long serial, Duration lifetime) throws Exception {
        KeyPair keys = keys();
        Instant now = Instant.now();
        X509Certificate cert = sign(leaf("CN=opsgate-ingest-" + serial, serial, keys, now.minus(Duration.ofHours(1)),
                now.plus(lifetime)));
        Files.writeString(dir.resolve("tls.key"), pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
        Files.writeString(dir.resolve("tls.crt"), pem(cert));
        return cert;
    }

    /** A server's key store (key and chain, {@link #PASSWORD}) and its certificate. */
    public record Server(KeyStore keyStore, X509Certificate certificate) {
        /** The server's TLS context. */
        public SSLContext context() throws Exception {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        }

        /** Writes the key store as PKCS12 (for servers configured by a file, as GreenMail). */
        public Path write(Path file) throws Exception {
            try (OutputStream out = Files.newOutputStream(file)) {
                keyStore.store(out, PASSWORD);
            }
            return file;
        }
    }

    private static JcaX509v3CertificateBuilder leaf(String subject, long serial, KeyPair keys, Instant notBefore,
                                                    Instant notAfter) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(NAME, BigInteger.valueOf(serial),
                Date.from(notBefore), Date.from(notAfter), new X500Name(subject), keys.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        return b;
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private X509Certificate sign(JcaX509v3CertificateBuilder b) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    }

    private static String pem(Object o) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }
}
