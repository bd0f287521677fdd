package io.opsgate.engine.security.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * KEKs from files: every regular file of the directory is one KEK, its name the id, its content 32 raw
 * bytes or their base64. The id sorting last wraps. The directory is read on every call, so a KEK
 * added to the mounted Secret is used without a restart. Files whose names start with a dot (the
 * Kubernetes projection's {@code ..data} links) are skipped.
 */
public final class FileKekProvider implements KeyEncryptionKeyProvider {
    private final Path dir;
    private final String name;

    public FileKekProvider(Path dir) {
        this(dir, "file");
    }

    /** @param name shown as evidence: {@code file}, or {@code local} for {@link LocalKeks} */
    FileKekProvider(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> ids() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> ids = new ArrayList<>();
            files.filter(f -> !f.getFileName().toString().startsWith(".") && Files.isRegularFile(f))
                    .forEach(f -> ids.add(f.getFileName().toString()));
            ids.sort(null);
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public WrappedKey wrap(byte[] dataKey, String context) throws GeneralSecurityException {
        String id = currentId();
        if (id == null) {
            throw new GeneralSecurityException("no key-encryption key in " + dir);
        }
        return new WrappedKey(id, Aead.seal(kek(id), dataKey, context + "/" + id));
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, String context) throws GeneralSecurityException {
        return Aead.open(kek(wrapped.kekId()), wrapped.bytes(), context + "/" + wrapped.kekId());
    }

    private byte[] kek(String id) throws GeneralSecurityException {
        if (id.contains("/") || id.startsWith(".")) {
            throw new GeneralSecurityException("bad key-encryption key id " + id);
        }
        byte[] raw;
        try {
            raw = Files.readAllBytes(dir.resolve(id));
        } catch (IOException e) {
            throw new GeneralSecurityException("key-encryption key " + id + " is not available");
        }
        if (raw.length == Aead.KEY_BYTES) {
            return raw;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(new String(raw, StandardCharsets.US_ASCII).strip());
            if (decoded.length == Aead.KEY_BYTES) {
                return decoded;
            }
        } catch (IllegalArgumentException e) {
            // not base64: reported below
        }
        throw new GeneralSecurityException("key-encryption key " + id + " is not 32 bytes (raw or base64)");
    }
}
