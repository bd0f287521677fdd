package io.opsgate.engine.security.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One reading of a listener's PEM certificate chain and key, compared by content.
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
     * A server SSL context of this certificate chain and key (PKCS#1, PKCS#8 or SEC1), for listeners that are
     * not Vert.x servers (the SMTP intake's STARTTLS). Take a new one after each reload.
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
