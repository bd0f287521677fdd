package io.opsgate.engine.config;

import io.opsgate.api.config.TokenEntry;
import io.opsgate.api.defaults.Defaults;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.api.v1alpha1.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The standalone stand-in for the operator's token Secrets: each token of a Tenant lives in
 * {@code <secrets-dir>/<namespace>/<secretName>/token}; a missing one is generated (32 random bytes,
 * base64url) and written with mode 0600, never overwritten.
 */
public final class StandaloneTokens {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private StandaloneTokens() {
    }

    /** The file holding a token. */
    public static Path tokenFile(Path secretsDir, String namespace, String secretName) {
        return secretsDir.resolve(namespace).resolve(secretName).resolve("token");
    }

    /** Reads (generating when absent) the tokens of a tenant and returns their hashes. */
    public static List<TokenEntry> ensure(Path secretsDir, Tenant tenant) throws IOException {
        List<TokenEntry> result = new ArrayList<>();
        if (tenant.getSpec() == null || tenant.getSpec().apiTokens == null) {
            return result;
        }
        Defaults.tenant(tenant.getSpec());
        String namespace = tenant.namespaceName();
        for (ApiTokenSpec spec : tenant.getSpec().apiTokens) {
            Path file = tokenFile(secretsDir, namespace, spec.secretName);
            // The validator refuses such names; this holds even where it was not asked (a Secret name is one level).
            Path dir = secretsDir.resolve(namespace).toAbsolutePath().normalize();
            if (!file.toAbsolutePath().normalize().getParent().getParent().equals(dir)) {
                throw new IOException("token " + spec.name + ": secretName \"" + spec.secretName
                        + "\" is not a Secret name; it would lead out of " + dir);
            }
            if (!Files.exists(file)) {
                writeSecret(file, generate() + "\n");
                LOG.info("generated API token {} of tenant {} into {}", spec.name, tenant.getMetadata().getName(), file);
                System.out.println("opsgate: generated API token \"" + spec.name + "\" of tenant \""
                        + tenant.getMetadata().getName() + "\" at " + file.toAbsolutePath());
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IOException(file + " is empty; delete it to have a new token generated");
            }
            result.add(new TokenEntry(spec.name, TokenEntry.hash(token), new ArrayList<>(spec.scopes), spec.expiresAt));
        }
        return result;
    }

    /** 32 random bytes, base64url without padding, as the operator generates them. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Writes a secret so that no other user can ever read it: into a new file created with mode 0600 (never wider,
     * not even between creating and restricting it), synced, then renamed over {@code file} in one step, so a reader
     * sees the whole value or nothing.
     */
    public static void writeSecret(Path file, String value) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions protect it
            Files.createFile(tmp);
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
