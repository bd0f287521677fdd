package io.opsgate.engine.app;

import io.opsgate.engine.notify.delivery.NotifySettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Where the internal token between ingest and notify is read from. */
final class InternalTokenFile {
    private InternalTokenFile() {
    }

    /**
     * {@code --internal-token-file}; else the environment's; standalone without either uses
     * {@code <data>/internal-token}, created with 32 random bytes when missing.
     */
    static Path of(Options options, NotifySettings settings) throws IOException {
        if (options.security().internalTokenFile() != null) {
            return options.security().internalTokenFile();
        }
        if (!options.mode().equals("standalone") || Files.exists(settings.internalTokenFile())) {
            return settings.internalTokenFile();
        }
        Path file = options.dataDir().resolve("internal-token");
        if (!Files.exists(file)) {
            Files.createDirectories(options.dataDir());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions protect it
            }
        }
        return file;
    }
}
