package io.opsgate.engine.app;

import io.opsgate.engine.config.StandaloneTokens;
import io.opsgate.engine.notify.delivery.NotifySettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the internal token between ingest and notify is read from. */
final class InternalTokenFile {
    private InternalTokenFile() {
    }

    /**
     * {@code --internal-token-file}; else the environment's; standalone without either uses
     * {@code <data>/internal-token}, created with 32 random bytes (base64url) when missing, never readable by another user.
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
            StandaloneTokens.writeSecret(file, StandaloneTokens.generate());
        }
        return file;
    }
}
