package io.opsgate.engine.monitors;

/** host:port with IPv6 literals in brackets. */
final class HostPort {
    private HostPort() {
    }

    static String format(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
