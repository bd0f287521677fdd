package io.opsgate.engine.notify.callout;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the provider calls back for one attempt: {@code <external URL>/api/v1/callouts/<tenant>/<token>/}
 * {@code twiml}, {@code gather} and {@code status}. The token is random per attempt, and every callback
 * is signed by the provider; the route itself is served by ingest (phase 2). Signatures are checked
 * against these URLs, never against what a request's Host header claims.
 */
public final class CallbackUrls {
    /** The path prefix of the callback routes. */
    public static final String PREFIX = "/api/v1/callouts/";

    private final String base;

    /** @param externalUrl how the provider reaches opsgate's ingest, e.g. https://opsgate.acme.example */
    public CallbackUrls(URI externalUrl) {
        String s = externalUrl.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The URL of one callback. */
    public URI of(String tenant, String token, Kind kind) {
        return URI.create(base + PREFIX + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(token, StandardCharsets.UTF_8) + "/" + kind.path);
    }

    /** The three callbacks of a call. */
    public enum Kind {
        /** The provider fetches what to say. */
        TWIML("twiml"),
        /** The provider posts the key pressed. */
        GATHER("gather"),
        /** The provider posts how the call ended. */
        STATUS("status");

        private final String path;

        Kind(String path) {
            this.path = path;
        }

        /** The last path segment. */
        public String path() {
            return path;
        }

        /** The kind for a last path segment. */
        public static java.util.Optional<Kind> ofPath(String segment) {
            for (Kind k : values()) {
                if (k.path.equals(segment)) {
                    return java.util.Optional.of(k);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
