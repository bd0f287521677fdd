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

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** A CA made with BouncyCastle for one test run, issuing server certificates for 127.0.0.1 as PEM files. */
public final class TestPki {
    private final KeyPair caKeys;
    public final X509Certificate ca;

    public TestPki() throws Exception {
        caKeys = keys();
        X500Name name = new X500Name("CN=opsgate test CA");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name, caKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(caKeys.getPrivate())));
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        return gen.generateKeyPair();
    }

    /** Writes ca.crt into dir. */
    public Path writeCa(Path dir) throws Exception {
        Path file = dir.resolve("ca.crt");
        Files.writeString(file, pem(ca));
        return file;
    }

    /**
     * Issues a server certificate for 127.0.0.1 and localhost with the given serial and lifetime and writes
     * tls.crt and tls.key into dir (the key first, as a Secret update may land).
     */
    public X509Certificate issue(Path dir, long serial, Duration lifetime) throws Exception {
        KeyPair pair = keys();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=opsgate test CA"),
                BigInteger.valueOf(serial), Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(lifetime)),
                new X500Name("CN=opsgate-ingest-" + serial), pair.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        Files.writeString(dir.resolve("tls.key"), pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
        Files.writeString(dir.resolve("tls.crt"), pem(cert));
        return cert;
    }

    private static String pem(Object o) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }
}
