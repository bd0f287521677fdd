package io.opsgate.api.egress;

/**
 * A destination written as {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port} (a DNS monitor's
 * server); a bare IPv6 address keeps the default port.
 */
public record HostPort(String host, int port) {

    /** Reads the text; a port that is not a number keeps the default. */
    public static HostPort parse(String text, int defaultPort) {
        String t = text.trim();
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            if (end < 0) {
                return new HostPort(t.substring(1), defaultPort);
            }
            String rest = t.substring(end + 1);
            return new HostPort(t.substring(1, end), rest.startsWith(":") ? port(rest.substring(1), defaultPort) : defaultPort);
        }
        int colon = t.indexOf(':');
        if (colon >= 0 && colon == t.lastIndexOf(':')) {
            return new HostPort(t.substring(0, colon), port(t.substring(colon + 1), defaultPort));
        }
        return new HostPort(t, defaultPort);
    }

    private static int port(String text, int fallback) {
        try {
            int p = Integer.parseInt(text);
            return p > 0 && p < 65536 ? p : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
