package io.opsgate.engine.console;

import io.vertx.core.http.HttpServerResponse;

/**
 * The headers every console response carries. The Content-Security-Policy allows only the console's own
 * files: no inline script or style, nothing from another origin, no framing. {@code Referrer-Policy:
 * no-referrer} keeps the provider's {@code code} and {@code state} in the callback URL from leaking to
 * anything the page links to.
 */
final class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    /** The security headers; {@code cacheable} responses (assets) may be kept but must be revalidated. */
    static void apply(HttpServerResponse r, boolean cacheable) {
        r.putHeader("Content-Security-Policy", CSP);
        r.putHeader("X-Content-Type-Options", "nosniff");
        r.putHeader("Referrer-Policy", "no-referrer");
        r.putHeader("X-Frame-Options", "DENY");
        r.putHeader("Cross-Origin-Opener-Policy", "same-origin");
        r.putHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        r.putHeader("Cache-Control", cacheable ? "no-cache" : "no-store");
    }
}
