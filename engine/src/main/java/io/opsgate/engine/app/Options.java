package io.opsgate.engine.app;

import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.validation.Cidrs;
import io.opsgate.engine.identity.IdentityOptions;
import io.opsgate.engine.mail.SmtpOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line, parsed: {@code <standalone|ingest|notify> --name=value ...} as docs/architecture.md fixes
 * it. Made only by {@link #parse}, so code and tests state options the way an operator does.
 */
public final class Options {
    private static final Set<String> KNOWN = known();

    public static final String USAGE = """
            usage: java -jar opsgate-engine.jar <standalone|ingest|notify> [options]
              standalone --config-dir=<dir> --secrets-dir=<dir> --data=<dir> [--listen=127.0.0.1:9093]
              ingest     --config-file=<config.json> --secrets-dir=<dir> --data=<dir> [--listen=0.0.0.0:9093]
              notify     --config-file=<config.json> --secrets-dir=<dir> --data=<dir> [--listen=0.0.0.0:9094]
              optional:  --tick=<ms between timer runs, 200>  --config-poll=<ms between configuration checks, 1000>
                         --tls-cert=<pem> --tls-key=<pem> [--tls-ca=<pem>]  --kek-dir=<dir>
                         --metrics-listen=<host:port>  --internal-token-file=<file>
              standalone --allow-local-jobs: run OpsJobs' spec.local.command on this host (off by default)
              standalone --cluster-networks=<cidr,...>: networks monitors and channels reach only when a Tenant's
                         spec.egress names them (default: the private ranges 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7)
            """ + SmtpOptions.USAGE + IdentityOptions.USAGE + """

            java -jar opsgate-engine.jar verify-log [--key=<file>] [--anchor=<seq>:<hash>] [--checkpoint=<seq>:<hash>] <access log file>
            java -jar opsgate-engine.jar log-key --data=<dir> [--kek-dir=<dir>] <tenant>   (the access log's key, base64)
            java -jar opsgate-engine.jar test rules <dir> <tests.yaml>   (offline rule tests; exit 0 pass, 1 fail, 2 bad file)
            java -jar opsgate-engine.jar hash-password   (reads the password; prints its Argon2id hash)""";

    private static Set<String> known() {
        Set<String> names = new java.util.HashSet<>(Set.of("config-dir", "config-file", "secrets-dir", "data", "listen",
                "tick", "config-poll", "smtp-listen", "smtp-tls-cert", "smtp-tls-key", "smtp-insecure-auth",
                "allow-local-jobs", "tls-cert", "tls-key", "tls-ca", "kek-dir", "metrics-listen", "internal-token-file",
                "cluster-networks"));
        names.addAll(IdentityOptions.NAMES);
        return Set.copyOf(names);
    }

    private final String mode;
    private final Path configDir;
    private final Path configFile;
    private final Path secretsDir;
    private final Path dataDir;
    private final String host;
    private final int port;
    private final long tickMillis;
    private final long pollMillis;
    private final SmtpOptions smtp;
    private final boolean allowLocalJobs;
    private final SecurityOptions security;
    private final List<String> clusterNetworks;
    private final IdentityOptions identity;

    private Options(String mode, Map<String, String> values) {
        this.mode = mode;
        boolean standalone = mode.equals("standalone");
        this.configDir = standalone ? Path.of(require(values, "config-dir")) : null;
        this.configFile = standalone ? null : Path.of(require(values, "config-file"));
        this.secretsDir = Path.of(require(values, "secrets-dir"));
        this.dataDir = Path.of(require(values, "data"));
        String listen = values.getOrDefault("listen", (standalone ? "127.0.0.1" : "0.0.0.0") + ":"
                + (mode.equals("notify") ? 9094 : 9093));
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--listen must be host:port, got \"" + listen + "\"");
        }
        String h = listen.substring(0, colon);
        this.host = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        this.port = number(listen.substring(colon + 1), "listen port");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--listen port must be 0 to 65535");
        }
        this.tickMillis = number(values.getOrDefault("tick", "200"), "--tick");
        this.pollMillis = number(values.getOrDefault("config-poll", "1000"), "--config-poll");
        if (tickMillis < 10 || pollMillis < 50) {
            throw new IllegalArgumentException("--tick must be at least 10 ms and --config-poll at least 50 ms");
        }
        this.allowLocalJobs = flag(values.getOrDefault("allow-local-jobs", "false"), "--allow-local-jobs");
        if (allowLocalJobs && !standalone) {
            throw new IllegalArgumentException("--allow-local-jobs is for standalone mode only; in a cluster OpsJobs run as "
                    + "Kubernetes Jobs");
        }
        this.smtp = SmtpOptions.parse(mode, values);
        this.security = SecurityOptions.parse(mode, values);
        this.identity = IdentityOptions.parse(mode, values);
        this.clusterNetworks = networks(values.get("cluster-networks"));
        if (values.containsKey("cluster-networks") && !standalone) {
            throw new IllegalArgumentException("--cluster-networks is for standalone mode; in a cluster the operator "
                    + "writes them into the compiled configuration");
        }
    }

    private static List<String> networks(String text) {
        if (text == null) {
            return EgressGuard.PRIVATE_NETWORKS;
        }
        List<String> result = new ArrayList<>();
        for (String n : text.split(",")) {
            if (n.isBlank()) {
                continue;
            }
            try {
                Cidrs.parse(n.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--cluster-networks: " + e.getMessage());
            }
            result.add(n.trim());
        }
        return List.copyOf(result);
    }

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException naming the option that is wrong or missing
     */
    public static Options parse(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("a mode is required");
        }
        String mode = args[0];
        if (!Set.of("standalone", "ingest", "notify").contains(mode)) {
            throw new IllegalArgumentException("unknown mode \"" + mode + "\"");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--allow-local-jobs")) {
                values.put("allow-local-jobs", "true");
                continue;
            }
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("\"" + a + "\" is not --name=value");
            }
            String name = a.substring(2, eq);
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            values.put(name, a.substring(eq + 1));
        }
        return new Options(mode, values);
    }

    /** standalone, ingest or notify. */
    public String mode() {
        return mode;
    }

    /** Standalone: the directory of YAML; else null. */
    public Path configDir() {
        return configDir;
    }

    /** Ingest and notify: the compiled configuration; else null. */
    public Path configFile() {
        return configFile;
    }

    /** {@code <namespace>/<secret>/<key>} standalone; {@code <secret>/<key>} in a cluster. */
    public Path secretsDir() {
        return secretsDir;
    }

    /** Where the stores live, one directory per tenant. */
    public Path dataDir() {
        return dataDir;
    }

    /** The listen host. */
    public String host() {
        return host;
    }

    /** The listen port; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** How often timers run. */
    public long tickMillis() {
        return tickMillis;
    }

    /** How often the configuration source is checked. */
    public long pollMillis() {
        return pollMillis;
    }

    /** The SMTP intake (ingest, standalone). */
    public SmtpOptions smtp() {
        return smtp;
    }

    /** Standalone: run OpsJobs' local.command as processes on this host (off by default). */
    public boolean allowLocalJobs() {
        return allowLocalJobs;
    }

    /**
     * Standalone's egress guard: {@code --cluster-networks} guarded, and an empty spec.egress allowing the public
     * internet (docs/monitors-and-jobs.md, "Egress").
     */
    public EgressGuard egressGuard() {
        return EgressGuard.standalone(clusterNetworks);
    }

    /** TLS, key-encryption keys, the plain metrics listener, the internal token. */
    public SecurityOptions security() {
        return security;
    }

    /** The console's sign-in: OpenID provider, local users file, session lifetimes. */
    public IdentityOptions identity() {
        return identity;
    }

    private static String require(Map<String, String> values, String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    private static boolean flag(String text, String what) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(what + " must be true or false, got \"" + text + "\"");
        };
    }

    private static int number(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got \"" + text + "\"");
        }
    }
}
