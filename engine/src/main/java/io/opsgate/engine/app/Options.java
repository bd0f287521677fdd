package io.opsgate.engine.app;

import io.opsgate.engine.identity.IdentityOptions;
import io.opsgate.engine.mail.SmtpOptions;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command line: {@code <standalone|ingest|notify> --name=value ...} as docs/architecture.md fixes it.
 *
 * @param mode        standalone, ingest or notify
 * @param configDir   standalone: the directory of YAML
 * @param configFile  ingest, notify: the compiled configuration
 * @param secretsDir  {@code <namespace>/<secret>/<key>} standalone; {@code <secret>/<key>} in a cluster
 * @param dataDir     where the stores live, one directory per tenant
 * @param host        listen host
 * @param port        listen port (0 picks a free one)
 * @param tickMillis  how often timers run
 * @param pollMillis  how often the configuration source is checked
 * @param smtp        the SMTP intake (ingest, standalone)
 * @param allowLocalJobs standalone: run OpsJobs' local.command as processes on this host (off by default)
 * @param security    TLS, key-encryption keys, the plain metrics listener, the internal token
 * @param identity    the console's sign-in: OpenID provider, local users file, session lifetimes
 */
public record Options(String mode, Path configDir, Path configFile, Path secretsDir, Path dataDir, String host, int port,
                      long tickMillis, long pollMillis, SmtpOptions smtp, boolean allowLocalJobs,
                      SecurityOptions security, IdentityOptions identity) {

    /** Without console sign-in options. */
    public Options(String mode, Path configDir, Path configFile, Path secretsDir, Path dataDir, String host, int port,
                   long tickMillis, long pollMillis, SmtpOptions smtp, boolean allowLocalJobs, SecurityOptions security) {
        this(mode, configDir, configFile, secretsDir, dataDir, host, port, tickMillis, pollMillis, smtp, allowLocalJobs,
                security, IdentityOptions.NONE);
    }

    /** Options without an SMTP intake, as code that starts an engine for HTTP only builds them. */
    public Options(String mode, Path configDir, Path configFile, Path secretsDir, Path dataDir, String host, int port,
                   long tickMillis, long pollMillis) {
        this(mode, configDir, configFile, secretsDir, dataDir, host, port, tickMillis, pollMillis, SmtpOptions.off());
    }

    /** Without local jobs, as before they existed. */
    public Options(String mode, Path configDir, Path configFile, Path secretsDir, Path dataDir, String host, int port,
                   long tickMillis, long pollMillis, SmtpOptions smtp) {
        this(mode, configDir, configFile, secretsDir, dataDir, host, port, tickMillis, pollMillis, smtp, false);
    }

    /** Without security options (plain HTTP, no credential encryption). */
    public Options(String mode, Path configDir, Path configFile, Path secretsDir, Path dataDir, String host, int port,
                   long tickMillis, long pollMillis, SmtpOptions smtp, boolean allowLocalJobs) {
        this(mode, configDir, configFile, secretsDir, dataDir, host, port, tickMillis, pollMillis, smtp, allowLocalJobs,
                SecurityOptions.NONE);
    }

    /** With security options and no SMTP intake. */
    public Options(String mode, Path configDir, Path configFile, Path secretsDir, Path dataDir, String host, int port,
                   long tickMillis, long pollMillis, SecurityOptions security) {
        this(mode, configDir, configFile, secretsDir, dataDir, host, port, tickMillis, pollMillis, SmtpOptions.off(), false,
                security);
    }

    private static final Set<String> KNOWN = known();

    private static Set<String> known() {
        Set<String> names = new java.util.HashSet<>(Set.of("config-dir", "config-file", "secrets-dir", "data", "listen",
                "tick", "config-poll", "smtp-listen", "smtp-tls-cert", "smtp-tls-key", "smtp-insecure-auth",
                "allow-local-jobs", "tls-cert", "tls-key", "tls-ca", "kek-dir", "metrics-listen", "internal-token-file"));
        names.addAll(IdentityOptions.NAMES);
        return Set.copyOf(names);
    }

    public static final String USAGE = """
            usage: java -jar opsgate-engine.jar <standalone|ingest|notify> [options]
              standalone --config-dir=<dir> --secrets-dir=<dir> --data=<dir> [--listen=127.0.0.1:9093]
              ingest     --config-file=<config.json> --secrets-dir=<dir> --data=<dir> [--listen=0.0.0.0:9093]
              notify     --config-file=<config.json> --secrets-dir=<dir> --data=<dir> [--listen=0.0.0.0:9094]
              optional:  --tick=<ms between timer runs, 200>  --config-poll=<ms between configuration checks, 1000>
                         --tls-cert=<pem> --tls-key=<pem> [--tls-ca=<pem>]  --kek-dir=<dir>
                         --metrics-listen=<host:port>  --internal-token-file=<file>
              standalone --allow-local-jobs: run OpsJobs' spec.local.command on this host (off by default)
            """ + SmtpOptions.USAGE + IdentityOptions.USAGE + """

            java -jar opsgate-engine.jar verify-log <access log file>
            java -jar opsgate-engine.jar hash-password   (reads the password; prints its Argon2id hash)""";

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException naming the option that is wrong or missing
     */
    public static Options parse(String[] args) {
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
        boolean standalone = mode.equals("standalone");
        Path configDir = standalone ? Path.of(require(values, "config-dir")) : null;
        Path configFile = standalone ? null : Path.of(require(values, "config-file"));
        Path secrets = Path.of(require(values, "secrets-dir"));
        Path data = Path.of(require(values, "data"));
        String listen = values.getOrDefault("listen", (standalone ? "127.0.0.1" : "0.0.0.0") + ":"
                + (mode.equals("notify") ? 9094 : 9093));
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--listen must be host:port, got \"" + listen + "\"");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = number(listen.substring(colon + 1), "listen port");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--listen port must be 0 to 65535");
        }
        long tick = number(values.getOrDefault("tick", "200"), "--tick");
        long poll = number(values.getOrDefault("config-poll", "1000"), "--config-poll");
        if (tick < 10 || poll < 50) {
            throw new IllegalArgumentException("--tick must be at least 10 ms and --config-poll at least 50 ms");
        }
        boolean localJobs = flag(values.getOrDefault("allow-local-jobs", "false"), "--allow-local-jobs");
        if (localJobs && !standalone) {
            throw new IllegalArgumentException("--allow-local-jobs is for standalone mode only; in a cluster OpsJobs run as "
                    + "Kubernetes Jobs");
        }
        return new Options(mode, configDir, configFile, secrets, data, host, port, tick, poll,
                SmtpOptions.parse(mode, values), localJobs, SecurityOptions.parse(mode, values),
                IdentityOptions.parse(mode, values));
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
