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
     * A server SSL context of this certificate chain and PKCS#8 key ({@code BEGIN PRIVATE KEY}), for listeners
     * that are not Vert.x servers (the SMTP intake's STARTTLS). Take a new one after each reload.
     */
    public SSLContext serverContext() throws GeneralSecurityException {
        String pem = new String(key, java.nio.charset.StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException("the key is not a PKCS#8 PEM (BEGIN PRIVATE KEY)");
        }
        byte[] der = java.util.Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        java.security.PrivateKey privateKey = null;
        for (String algorithm : new String[]{"RSA", "EC", "Ed25519"}) {
            try {
                privateKey = java.security.KeyFactory.getInstance(algorithm)
                        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
                break;
            } catch (java.security.spec.InvalidKeySpecException e) {
                // try the next algorithm
            }
        }
        if (privateKey == null) {
            throw new GeneralSecurityException("the key is neither RSA, EC nor Ed25519");
        }
        java.security.cert.Certificate[] chain = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(cert)).toArray(new java.security.cert.Certificate[0]);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        char[] password = new char[0];
        store.setKeyEntry("tls", privateKey, password, chain);
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
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
