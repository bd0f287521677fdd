package io.opsgate.engine.identity;

import java.util.regex.Pattern;

/**
 * The console's cookies. The session cookie's value is {@code <tenant>.<session id>}: the tenant part lets a
 * refused (forged, expired) session be written to that tenant's access log; only the id authenticates.
 * Over TLS the names carry the {@code __Host-} prefix (Secure, Path=/, no Domain: no sibling host can set
 * or overwrite them). Both are HttpOnly and SameSite=Lax: Lax, not Strict, because the provider's redirect
 * back to the callback and a ticket link opened from a mail or chat are cross-site top-level navigations that
 * must carry them; state-changing requests are protected by the CSRF token and the Origin check instead.
 */
public final class SessionCookies {
    public static final String SESSION = "opsgate_session";
    public static final String SIGN_IN = "opsgate_signin";
    static final String HOST_PREFIX = "__Host-";
    private static final Pattern TENANT = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    /**
     * A session cookie's parts.
     *
     * @param tenant the tenant it claims
     * @param id     the session id
     */
    public record Value(String tenant, String id) {
    }

    private SessionCookies() {
    }

    /** The session cookie of a {@code Cookie} header, or null; a malformed one has a null tenant. */
    public static Value session(String cookieHeader) {
        String raw = cookie(cookieHeader, SESSION);
        if (raw == null) {
            return null;
        }
        int dot = raw.indexOf('.');
        String tenant = dot > 0 ? raw.substring(0, dot) : null;
        if (tenant == null || tenant.length() > 63 || !TENANT.matcher(tenant).matches()) {
            return new Value(null, raw);
        }
        return new Value(tenant, raw.substring(dot + 1));
    }

    /** The value of the cookie {@code name} (or its {@code __Host-} form, which wins). */
    public static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        String plain = null;
        for (String part : header.split(";")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String n = p.substring(0, eq);
            if (n.equals(HOST_PREFIX + name)) {
                return p.substring(eq + 1);
            }
            if (n.equals(name) && plain == null) {
                plain = p.substring(eq + 1);
            }
        }
        return plain;
    }

    /** A {@code Set-Cookie} value for {@code name}; {@code maxAgeSeconds} 0 deletes it. */
    public static String set(String name, String value, boolean secure, long maxAgeSeconds) {
        return (secure ? HOST_PREFIX : "") + name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }
}
