package io.opsgate.engine.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared secret between ingest and notify: Secret {@code opsgate-internal}, key {@code token}, mounted at
 * {@code /var/run/opsgate/internal/token} in both. Read again on every use (a small file; a rotated
 * Secret takes effect without a restart); compared in constant time.
 */
public final class InternalToken {
    public static final Path DEFAULT_FILE = Path.of("/var/run/opsgate/internal/token");

    private final Path file;

    public InternalToken(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * The token.
     *
     * @throws IOException when the file is missing, unreadable or empty
     */
    public String value() throws IOException {
        String v = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (v.isEmpty()) {
            throw new IOException("the internal token file " + file + " is empty");
        }
        return v;
    }

    /** Whether an {@code Authorization} header carries the token; false when there is no token to compare with. */
    public boolean authorizes(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String expected;
        try {
            expected = value();
        } catch (IOException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(authorization.substring(7).strip()), sha256(expected));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
