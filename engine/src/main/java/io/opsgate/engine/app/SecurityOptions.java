package io.opsgate.engine.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The command line's security options (docs/architecture.md, "Engine options and mounts").
 *
 * @param tlsCert           PEM certificate chain of the listeners, or null for plain HTTP
 * @param tlsKey            PEM private key
 * @param tlsCa             PEM CA that ingest trusts when calling notify, or null
 * @param kekDir            directory of key-encryption keys, or null (keys generated per tenant under the data directory)
 * @param metricsHost       host of the plain metrics listener, or null when there is none
 * @param metricsPort       its port (0 picks a free one)
 * @param internalTokenFile the internal token's file, or null for the environment's
 */
public record SecurityOptions(Path tlsCert, Path tlsKey, Path tlsCa, Path kekDir, String metricsHost, int metricsPort,
                              Path internalTokenFile) {
    public static final SecurityOptions NONE = new SecurityOptions(null, null, null, null, null, 0, null);
    static final Path CLUSTER_TLS = Path.of("/var/run/opsgate/tls");
    static final Path CLUSTER_KEK = Path.of("/var/run/opsgate/kek");

    /** Whether the listeners serve TLS. */
    public boolean tls() {
        return tlsCert != null;
    }

    static SecurityOptions parse(String mode, Map<String, String> values) {
        boolean cluster = !mode.equals("standalone");
        Path cert = path(values, "tls-cert");
        Path key = path(values, "tls-key");
        Path ca = path(values, "tls-ca");
        if (cert == null && key == null && cluster && Files.exists(CLUSTER_TLS.resolve("tls.crt"))) {
            cert = CLUSTER_TLS.resolve("tls.crt");
            key = CLUSTER_TLS.resolve("tls.key");
            ca = Files.exists(CLUSTER_TLS.resolve("ca.crt")) ? CLUSTER_TLS.resolve("ca.crt") : null;
        }
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        Path kek = path(values, "kek-dir");
        if (kek == null && cluster && Files.isDirectory(CLUSTER_KEK)) {
            kek = CLUSTER_KEK;
        }
        String metricsHost = null;
        int metricsPort = 0;
        String metrics = values.get("metrics-listen");
        if (metrics != null) {
            int colon = metrics.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--metrics-listen must be host:port, got \"" + metrics + "\"");
            }
            metricsHost = metrics.substring(0, colon).replace("[", "").replace("]", "");
            try {
                metricsPort = Integer.parseInt(metrics.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--metrics-listen port must be a number");
            }
            if (metricsPort < 0 || metricsPort > 65535) {
                throw new IllegalArgumentException("--metrics-listen port must be 0 to 65535");
            }
        }
        return new SecurityOptions(cert, key, ca, kek, metricsHost, metricsPort, path(values, "internal-token-file"));
    }

    private static Path path(Map<String, String> values, String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? null : Path.of(v);
    }
}
