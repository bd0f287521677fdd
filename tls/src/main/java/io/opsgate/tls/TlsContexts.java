package io.opsgate.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Server SSL contexts for listeners that are not Vert.x servers (the SMTP intake's STARTTLS): from PEM
 * (a Kubernetes TLS Secret's tls.crt and tls.key: PKCS#1, PKCS#8 or SEC1 keys), or self-signed when none
 * is given. The one PEM key reader; {@link TlsMaterial#serverContext()} uses it too. Needs BouncyCastle on the
 * class path, which this module declares optional: a user of these methods depends on it itself.
 */
public final class TlsContexts {
    /**
     * A key and its certificate chain.
     *
     * @param key   the private key
     * @param chain the certificate first, then its issuers
     */
    public record KeyAndChain(PrivateKey key, X509Certificate[] chain) {
    }

    private TlsContexts() {
    }

    public static SSLContext context(KeyAndChain kc) throws GeneralSecurityException, IOException {
        char[] password = new char[0];
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("smtp", kc.key(), password, kc.chain());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        return ctx;
    }

    /**
     * Reads a certificate chain and its key from PEM files.
     *
     * @throws IOException naming the file that is missing or holds no usable certificate or key
     */
    public static KeyAndChain readPem(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        return readPem(Files.readAllBytes(certFile), Files.readAllBytes(keyFile), certFile.toString(), keyFile.toString());
    }

    /**
     * Reads a certificate chain and its key from PEM content already read (the listeners' {@code TlsMaterial}).
     *
     * @throws IOException naming {@code certFile} or {@code keyFile} when it holds no usable certificate or key
     */
    public static KeyAndChain readPem(byte[] certPem, byte[] keyPem, String certFile, String keyFile)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader r = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(certPem), StandardCharsets.US_ASCII);
             PEMParser pem = new PEMParser(r)) {
            Object o;
            while ((o = pem.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    chain.add(converter.getCertificate(h));
                }
            }
        }
        if (chain.isEmpty()) {
            throw new IOException(certFile + " holds no PEM certificate");
        }
        PrivateKey key = null;
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        try (Reader r = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(keyPem), StandardCharsets.US_ASCII);
             PEMParser pem = new PEMParser(r)) {
            Object o;
            while (key == null && (o = pem.readObject()) != null) {
                if (o instanceof PEMKeyPair kp) {
                    // SEC1 EC keys may come without their public half; the private key is all TLS needs here.
                    key = keys.getPrivateKey(kp.getPrivateKeyInfo());
                } else if (o instanceof PrivateKeyInfo info) {
                    key = keys.getPrivateKey(info);
                } else if (o instanceof PEMEncryptedKeyPair) {
                    throw new IOException(keyFile + " holds an encrypted key; give the key unencrypted, as a TLS Secret does");
                }
            }
        }
        if (key == null) {
            throw new IOException(keyFile + " holds no PEM private key");
        }
        return new KeyAndChain(key, chain.toArray(new X509Certificate[0]));
    }

    /** A self-signed EC P-256 certificate for {@code host} (and localhost), valid for a year from now. */
    public static KeyAndChain selfSigned(String host) throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = gen.generateKeyPair();
        X500Name name = new X500Name("CN=opsgate SMTP intake");
        Instant now = Instant.now();
        List<GeneralName> alt = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        if (host != null && !host.isBlank() && !host.equals("0.0.0.0") && !host.equals("::")) {
            alt.add(new GeneralName(isIp(host) ? GeneralName.iPAddress : GeneralName.dNSName, host));
        }
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(365))), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(alt.toArray(new GeneralName[0])));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new KeyAndChain(pair.getPrivate(), new X509Certificate[]{cert});
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static boolean isIp(String host) {
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(host) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
