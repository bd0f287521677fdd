package io.opsgate.engine.identity;

/**
 * Cross-site request forgery checks for state-changing requests of a session: the {@code Origin} header must
 * be the console's own origin (the address the request was sent to, or the configured external address),
 * and the session's CSRF token must be presented, compared in constant time. Both, because either alone has
 * gaps: some proxies strip Origin, and a token leaked into a page of another origin is still refused by the
 * Origin check.
 */
public final class Csrf {
    private Csrf() {
    }

    /** Null when the request passes, else what is wrong (starting with "Origin" when the origin is). */
    public static String problem(String origin, String presentedToken, String sessionToken, String selfOrigin,
                                 String externalOrigin) {
        if (origin == null || origin.isEmpty()) {
            return "Origin header missing: a change through a session must come from the console's own page";
        }
        if (!originAllowed(origin, selfOrigin, externalOrigin)) {
            return "Origin " + origin + " is not the console's own origin";
        }
        if (presentedToken == null || presentedToken.isEmpty()) {
            return "the CSRF token is missing (header " + SessionAuthenticator.CSRF_HEADER + ")";
        }
        if (!tokenMatches(sessionToken, presentedToken)) {
            return "the CSRF token is not this session's (header " + SessionAuthenticator.CSRF_HEADER + ")";
        }
        return null;
    }

    /** Whether {@code origin} is the address the request was sent to or the console's configured external one. */
    public static boolean originAllowed(String origin, String selfOrigin, String externalOrigin) {
        String o = origin.toLowerCase(java.util.Locale.ROOT);
        return o.equals(lower(selfOrigin)) || o.equals(lower(externalOrigin));
    }

    /** Constant-time comparison of a token with the expected one; a missing one never matches. */
    public static boolean tokenMatches(String expected, String presented) {
        return Secrets.same(expected, presented);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }
}
