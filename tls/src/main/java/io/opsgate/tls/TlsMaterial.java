package io.opsgate.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One reading of a listener's PEM certificate chain and key (the key PKCS#1, PKCS#8 or SEC1), compared
 * by content. The bytes are kept, not the paths, so a server is given exactly what was compared.
 *
 * @param cert the certificate chain's bytes
 * @param key  the private key's bytes
 */
public record TlsMaterial(byte[] cert, byte[] key) {

    /** Reads both files. */
    public static TlsMaterial read(Path certFile, Path keyFile) throws IOException {
        return new TlsMaterial(Files.readAllBytes(certFile), Files.readAllBytes(keyFile));
    }

    /** The first certificate of the chain (the listener's own). */
    public X509Certificate leaf() throws GeneralSecurityException {
        Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(cert));
        if (all.isEmpty()) {
            throw new GeneralSecurityException("no certificate in the PEM file");
        }
        return (X509Certificate) all.iterator().next();
    }

    /** SHA-256 over both files, hex: a short name for this content in logs. */
    public String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(cert);
            digest.update((byte) 0);
            digest.update(key);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The key and certificate as a Vert.x server takes them. */
    public PemKeyCertOptions keyCertOptions() {
        return new PemKeyCertOptions().setCertValue(Buffer.buffer(cert)).setKeyValue(Buffer.buffer(key));
    }

    /** Server SSL options of this key and certificate, for {@code HttpServer.updateSSLOptions}. */
    public ServerSSLOptions serverSslOptions() {
        return new ServerSSLOptions().setKeyCertOptions(keyCertOptions());
    }

    /** An SSL context trusting exactly the certificates of a PEM file (ingest's view of notify). */
    public static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(caFile)))) {
            trust.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /**
     * A server SSL context of this certificate chain and key, for listeners that are not Vert.x servers
     * (the SMTP intake's STARTTLS). Take a new one after each reload. Needs BouncyCastle ({@link TlsContexts}).
     */
    public SSLContext serverContext() throws GeneralSecurityException, IOException {
        return TlsContexts.context(TlsContexts.readPem(cert, key, "the certificate file", "the key file"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsMaterial m && Arrays.equals(cert, m.cert) && Arrays.equals(key, m.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(cert), Arrays.hashCode(key));
    }

    @Override
    public String toString() {
        return "TlsMaterial[" + cert.length + " bytes of certificate]";
    }
}
