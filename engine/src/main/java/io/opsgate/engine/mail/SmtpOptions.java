package io.opsgate.engine.mail;

import java.nio.file.Path;
import java.util.Map;

/**
 * The command-line options of the SMTP intake: {@code --smtp-listen=host:port|off} (standalone default
 * 127.0.0.1:2525; ingest: off unless given), {@code --smtp-tls-cert} and {@code --smtp-tls-key} (PEM; without
 * them a self-signed certificate is made at start), {@code --smtp-insecure-auth=true} (AUTH before STARTTLS,
 * for tests only).
 *
 * @param enabled      whether to listen at all
 * @param host         listen host
 * @param port         listen port, 0 for a free one
 * @param explicit     whether the address was given; a default that is taken only warns
 * @param tlsCert      PEM certificate chain, or null
 * @param tlsKey       PEM private key, or null
 * @param insecureAuth allow AUTH without STARTTLS
 */
public record SmtpOptions(boolean enabled, String host, int port, boolean explicit, Path tlsCert, Path tlsKey,
                          boolean insecureAuth) {
    /** The option names, for the command-line parser's list of known options. */
    public static final java.util.List<String> NAMES = java.util.List.of("smtp-listen", "smtp-tls-cert", "smtp-tls-key",
            "smtp-insecure-auth");

    public static final String USAGE = "  smtp:      --smtp-listen=<host:port|off> (standalone 127.0.0.1:2525, ingest off)"
            + "  --smtp-tls-cert=<pem> --smtp-tls-key=<pem>";

    /** No SMTP intake. */
    public static SmtpOptions off() {
        return new SmtpOptions(false, null, 0, false, null, null, false);
    }

    /**
     * Reads the options of a mode.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    public static SmtpOptions parse(String mode, Map<String, String> values) {
        String listen = values.get("smtp-listen");
        boolean explicit = listen != null;
        if (listen == null) {
            listen = mode.equals("standalone") ? "127.0.0.1:2525" : "off";
        }
        String cert = values.get("smtp-tls-cert");
        String key = values.get("smtp-tls-key");
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--smtp-tls-cert and --smtp-tls-key go together");
        }
        String insecure = values.getOrDefault("smtp-insecure-auth", "false");
        if (!insecure.equals("true") && !insecure.equals("false")) {
            throw new IllegalArgumentException("--smtp-insecure-auth must be true or false");
        }
        if (listen.equals("off") || mode.equals("notify")) {
            return new SmtpOptions(false, null, 0, explicit, null, null, false);
        }
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--smtp-listen must be host:port or off, got \"" + listen + "\"");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--smtp-listen port must be a number, got \"" + listen + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--smtp-listen port must be 0 to 65535");
        }
        return new SmtpOptions(true, host, port, explicit, cert == null ? null : Path.of(cert),
                key == null ? null : Path.of(key), insecure.equals("true"));
    }
}
