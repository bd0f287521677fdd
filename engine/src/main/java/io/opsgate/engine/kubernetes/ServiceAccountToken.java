package io.opsgate.engine.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The pod's projected service account token. The kubelet rotates it well before it expires, so it is
 * read again at most once a minute rather than once at start.
 */
final class ServiceAccountToken implements Supplier<String> {
    private static final long REREAD_NANOS = 60_000_000_000L;

    private final Path file;
    private String token;
    private long readAt;

    ServiceAccountToken(Path file) {
        this.file = file;
    }

    @Override
    public synchronized String get() {
        long now = System.nanoTime();
        if (token == null || now - readAt > REREAD_NANOS) {
            try {
                token = Files.readString(file).trim();
                readAt = now;
            } catch (IOException e) {
                if (token == null) {
                    throw new UncheckedIOException("cannot read the service account token " + file, e);
                }
            }
        }
        return token;
    }
}
