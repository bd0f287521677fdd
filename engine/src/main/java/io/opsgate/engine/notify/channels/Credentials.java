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
 * A tenant's credential vault, when given, is asked first: a vault entry named like the Secret wins.
 */
public final class Credentials {
    private record Cached(String value, long modified, long size, Object fileKey) {
    }

    /** The tenant's credential vault: the values of the entry {@code name} of the tenant of {@code namespace}, or null. */
    @FunctionalInterface
    public interface Vault {
        java.util.Map<String, String> values(String namespace, String name);
    }

    private final Path root;
    private final boolean namespaced;
    private final Vault vault;
    private final ConcurrentHashMap<Path, Cached> cache = new ConcurrentHashMap<>();
    private final java.util.Set<String> fromVault = ConcurrentHashMap.newKeySet();

    /**
     * @param root       the secrets directory
     * @param namespaced whether secrets sit under a directory per namespace (standalone)
     */
    public Credentials(Path root, boolean namespaced) {
        this(root, namespaced, (namespace, name) -> null);
    }

    /** With the tenants' credential vault asked before the Secret files. */
    public Credentials(Path root, boolean namespaced, Vault vault) {
        this.root = root;
        this.namespaced = namespaced;
        this.vault = vault;
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
        java.util.Map<String, String> stored = vault.values(namespace, secret);
        if (stored != null && stored.get(key) != null && !stored.get(key).isBlank()) {
            String value = stored.get(key).strip();
            fromVault.add(value);
            return value;
        }
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
        java.util.List<String> all = new java.util.ArrayList<>(fromVault);
        cache.values().forEach(c -> all.add(c.value()));
        return all;
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
