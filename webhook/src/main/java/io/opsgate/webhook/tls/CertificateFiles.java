package io.opsgate.webhook.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The serving certificate and key as read from the mounted Secret (PEM; the key PKCS#1 or PKCS#8).
 * The content is kept, not the paths, so a change is seen by its hash and the server is given
 * exactly the bytes that were hashed.
 *
 * @param certificate PEM of the certificate chain
 * @param key         PEM of the private key
 */
public record CertificateFiles(byte[] certificate, byte[] key) {

    /** Reads both files. */
    public static CertificateFiles read(Path certificate, Path key) throws IOException {
        return new CertificateFiles(Files.readAllBytes(certificate), Files.readAllBytes(key));
    }

    /** SHA-256 over both files, hex. */
    public String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(certificate);
            digest.update((byte) 0);
            digest.update(key);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The key and certificate as Vert.x takes them. */
    public PemKeyCertOptions keyCertOptions() {
        return new PemKeyCertOptions().setCertValue(Buffer.buffer(certificate)).setKeyValue(Buffer.buffer(key));
    }

    /** Server SSL options holding this key and certificate, for a running server. */
    public ServerSSLOptions serverSslOptions() {
        return new ServerSSLOptions().setKeyCertOptions(keyCertOptions());
    }
}
