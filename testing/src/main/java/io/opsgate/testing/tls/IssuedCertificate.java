package io.opsgate.testing.tls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * A serving certificate a {@link TestCertificateAuthority} issued, with its key.
 *
 * @param certificate the serving certificate
 * @param keys        its key pair
 * @param format      how {@link #keyPem()} encodes the private key
 * @param issuer      the CA's certificate, second in the chain a server presents
 */
public record IssuedCertificate(X509Certificate certificate, KeyPair keys, TestCertificateAuthority.KeyFormat format,
                                X509Certificate issuer) {

    /** The password of the key stores made here, when a test needs one at all. */
    public static final char[] KEY_STORE_PASSWORD = "changeit".toCharArray();

    /** The certificate as PEM. */
    public String certificatePem() {
        return Pem.of(certificate);
    }

    /** The private key as PEM in this certificate's {@link #format()}. */
    public String keyPem() {
        return format == TestCertificateAuthority.KeyFormat.RSA_PKCS1 ? Pem.of(keys.getPrivate())
                : Pem.pkcs8(keys.getPrivate());
    }

    /**
     * Writes {@code tls.crt} and {@code tls.key} into {@code dir} as a mounted kubernetes.io/tls Secret has
     * them, replacing what is there; each file is written aside and moved in, so a poller never reads half.
     */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tls.crt.tmp"), certificatePem());
        Files.writeString(dir.resolve("tls.key.tmp"), keyPem());
        Files.move(dir.resolve("tls.crt.tmp"), dir.resolve("tls.crt"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(dir.resolve("tls.key.tmp"), dir.resolve("tls.key"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A PKCS#12 key store holding the key under alias {@code server}, chain [certificate, issuer]. */
    public KeyStore keyStore(char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", keys.getPrivate(), password, new X509Certificate[]{certificate, issuer});
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@link #keyStore(char[])} to {@code file} (servers that take a key store file, such as GreenMail). */
    public Path writePkcs12(Path file, char[] password) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore(password).store(out, password);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        return file;
    }

    /** A server SSL context presenting this certificate (and its issuer). */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore(KEY_STORE_PASSWORD), KEY_STORE_PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
