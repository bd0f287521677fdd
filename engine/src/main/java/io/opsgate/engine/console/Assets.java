package io.opsgate.engine.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's files, shipped in the jar under {@code console/} and read once: the page shell, ES modules,
 * the style sheet and the texts in each language. Each has an ETag (a hash of its content), so a browser
 * revalidates cheaply and never runs a stale module after an upgrade.
 */
final class Assets {
    /** Names an asset may have: no directories, no dot files. */
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][-a-z0-9]*\\.(js|css|json|svg|html)$");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "json", "application/json; charset=utf-8", "svg", "image/svg+xml",
            "html", "text/html; charset=utf-8");

    /**
     * One file.
     *
     * @param bytes       its content
     * @param contentType its media type
     * @param etag        a strong ETag of its content
     */
    record Asset(byte[] bytes, String contentType, String etag) {
    }

    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    /** The asset named {@code name}, or null when there is none. */
    Asset get(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return null;
        }
        return cache.computeIfAbsent(name, Assets::load);
    }

    private static Asset load(String name) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream("console/" + name)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            String ext = name.substring(name.lastIndexOf('.') + 1);
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16) + "\"";
            return new Asset(bytes, TYPES.get(ext), etag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
