package io.opsgate.engine.notify.channels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Channel credentials from mounted Secret files: {@code <secrets-dir>/<secret>/<key>} in a cluster and
 * {@code <secrets-dir>/<namespace>/<secret>/<key>} standalone (the layout the standalone tokens use).
 * A file is read again when its modification time, size or identity changes (Kubernetes swaps a symlink
 * when a Secret changes). Values are never logged; {@link #redact} removes them from error text.
 */
public final class Credentials {
    private record Cached(String value, long modified, long size, Object fileKey) {
    }

    private final Path root;
    private final boolean namespaced;
    private final ConcurrentHashMap<Path, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param root       the secrets directory
     * @param namespaced whether secrets sit under a directory per namespace (standalone)
     */
    public Credentials(Path root, boolean namespaced) {
        this.root = root;
        this.namespaced = namespaced;
    }

    /** The file that holds a key of a Secret. */
    public Path file(String namespace, String secret, String key) {
        Path dir = namespaced ? root.resolve(namespace) : root;
        return dir.resolve(secret).resolve(key);
    }

    /**
     * The value of a key (surrounding whitespace removed).
     *
     * @throws MissingCredential when the file is absent, unreadable or empty
     */
    public String read(String namespace, String secret, String key) throws MissingCredential {
        Path file = file(namespace, secret, key);
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            Cached c = cache.get(file);
            if (c != null && c.modified == attrs.lastModifiedTime().toMillis() && c.size == attrs.size()
                    && java.util.Objects.equals(c.fileKey, attrs.fileKey())) {
                return c.value;
            }
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new MissingCredential("credential " + secret + "/" + key + " is empty (" + file + ")");
            }
            cache.put(file, new Cached(value, attrs.lastModifiedTime().toMillis(), attrs.size(), attrs.fileKey()));
            return value;
        } catch (NoSuchFileException e) {
            cache.remove(file);
            throw new MissingCredential("credential " + secret + "/" + key + " is missing (" + file + ")");
        } catch (IOException e) {
            throw new MissingCredential("credential " + secret + "/" + key + " is unreadable (" + file + "): "
                    + e.getClass().getSimpleName());
        }
    }

    /** Every credential read so far, so error text can be cleaned of them. */
    public Collection<String> known() {
        return cache.values().stream().map(Cached::value).toList();
    }

    /** The text with every known credential replaced by {@code ***}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : known()) {
            if (secret.length() >= 4) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }
}
