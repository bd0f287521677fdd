package io.opsgate.engine.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a Secret's keys are files: {@code <secrets-dir>/<secret>/<key>} in a cluster (the Secrets of the
 * tenant's namespace mounted by name), {@code <secrets-dir>/<namespace>/<secret>/<key>} standalone, as for
 * API tokens and channel credentials (docs/architecture.md).
 */
public final class SecretFiles {
    private final Path dir;
    private final boolean byNamespace;

    private SecretFiles(Path dir, boolean byNamespace) {
        this.dir = dir;
        this.byNamespace = byNamespace;
    }

    /** The layout of a mode: standalone keeps one directory per namespace. */
    public static SecretFiles forMode(String mode, Path secretsDir) {
        return new SecretFiles(secretsDir, mode.equals("standalone"));
    }

    Path path(String namespace, String secret, String key) {
        Path base = byNamespace && namespace != null ? dir.resolve(namespace) : dir;
        return base.resolve(secret).resolve(key);
    }

    /** The value of a key, without the line break editors and {@code echo} leave; null when the file is missing. */
    String read(String namespace, String secret, String key) throws IOException {
        Path p = path(namespace, secret, key);
        if (!Files.isRegularFile(p)) {
            return null;
        }
        String v = Files.readString(p, StandardCharsets.UTF_8);
        return v.endsWith("\r\n") ? v.substring(0, v.length() - 2) : v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
    }
}
