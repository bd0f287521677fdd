package io.opsgate.testing.tls;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;

/** PEM text of test certificates and keys. */
public final class Pem {

    private Pem() {
    }

    /**
     * A certificate as PEM, or a private key in its traditional form ({@code BEGIN RSA PRIVATE KEY},
     * {@code BEGIN EC PRIVATE KEY}).
     */
    public static String of(Object certificateOrKey) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(certificateOrKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public static String pkcs8(PrivateKey key) {
        try {
            PemObjectGenerator generator = new JcaPKCS8Generator(key, null);
            return of(generator);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64 of the PEM text, as a Kubernetes Secret's data or a webhook's caBundle holds it. */
    public static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
