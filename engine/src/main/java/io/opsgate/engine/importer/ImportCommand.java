package io.opsgate.engine.importer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar opsgate-engine.jar import alertmanager|alertmanagerconfig <file> --tenant <t> [--out <dir>|-]}:
 * writes the opsgate objects equivalent to an Alertmanager configuration, reports on stderr what does not
 * carry over, and refuses (exit 1, nothing written) a file Alertmanager would refuse, naming line and column.
 */
public final class ImportCommand {
    static final String USAGE = """
            usage: java -jar opsgate-engine.jar import alertmanager <alertmanager.yml> --tenant <tenant> [options]
                   java -jar opsgate-engine.jar import alertmanagerconfig <file> --tenant <tenant> [options]
            options:
              --out <dir>|-             write 00-secrets.yaml, 10-channels.yaml, 20-rules.yaml and, for a standalone
                                        --secrets-dir, secrets/<namespace>/<secret>/<key> into <dir>; - (default): stdout
              --namespace <ns>          the tenant's namespace (default opsgate-<tenant>)
              --prefix <p>              start of every object name (default am)
              --order <n>               evaluation order of the imported top-level rule (default 1000)
              --namespace-matching OnNamespace|None
                                        alertmanagerconfig only: scope the routes to the resource's namespace, as the
                                        Prometheus Operator does by default (OnNamespace)
              --strict                  treat anything not carried over as an error (exit 1, nothing written)
            exit codes: 0 written, 1 the input is invalid (or --strict found something), 2 usage""";

    private ImportCommand() {
    }

    /** Runs the command ({@code args[0]} is {@code import}); returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> opts = new HashMap<>();
        List<String> positional = new java.util.ArrayList<>();
        boolean strict = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--strict")) {
                strict = true;
            } else if (a.startsWith("--")) {
                String key = a.contains("=") ? a.substring(2, a.indexOf('=')) : a.substring(2);
                String value;
                if (a.contains("=")) {
                    value = a.substring(a.indexOf('=') + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    return usage(err, "--" + key + " needs a value");
                }
                if (!List.of("out", "tenant", "namespace", "prefix", "order", "namespace-matching").contains(key)) {
                    return usage(err, "unknown option --" + key);
                }
                opts.put(key, value);
            } else {
                positional.add(a);
            }
        }
        if (positional.size() != 2 || !List.of("alertmanager", "alertmanagerconfig").contains(positional.get(0))) {
            return usage(err, "expected alertmanager or alertmanagerconfig and one file");
        }
        String tenant = opts.get("tenant");
        if (tenant == null || !tenant.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")) {
            return usage(err, "--tenant <name> is required (a DNS label)");
        }
        ImportOptions options;
        NamespaceMatching matching;
        try {
            String prefix = opts.getOrDefault("prefix", "am");
            if (!prefix.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")) {
                return usage(err, "--prefix must be a DNS label");
            }
            options = new ImportOptions(tenant, opts.getOrDefault("namespace", "opsgate-" + tenant), prefix,
                    Integer.parseInt(opts.getOrDefault("order", "1000")));
            matching = NamespaceMatching.valueOf(opts.getOrDefault("namespace-matching", "OnNamespace"));
        } catch (IllegalArgumentException e) {
            return usage(err, "bad option value: " + e.getMessage());
        }
        Path file = Path.of(positional.get(1));
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("opsgate import: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        ImportResult result;
        try {
            result = positional.get(0).equals("alertmanager")
                    ? AlertmanagerImport.fromAlertmanagerYaml(text, file.toAbsolutePath().getParent(), file.toString(), options)
                    : AlertmanagerImport.fromAlertmanagerConfig(text, file.toString(), options, matching);
        } catch (ImportFailure f) {
            for (ImportProblem p : f.problems()) {
                err.println(file + ":" + p.line() + ":" + p.column() + ": " + p.message());
            }
            err.println("opsgate import: " + file + " is not a valid " + (positional.get(0).equals("alertmanager")
                    ? "Alertmanager configuration" : "AlertmanagerConfig") + "; nothing written");
            return 1;
        }
        report(result, options, err);
        if (strict && !result.findings().isEmpty()) {
            err.println("opsgate import: --strict and " + result.findings().size() + " findings; nothing written");
            return 1;
        }
        String target = opts.getOrDefault("out", "-");
        try {
            if (target.equals("-")) {
                out.print(result.yaml());
                out.flush();
            } else {
                write(result, Path.of(target), options);
                err.println("opsgate import: written to " + target);
            }
        } catch (IOException e) {
            err.println("opsgate import: cannot write " + target + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("opsgate import: " + problem);
        err.println(USAGE);
        return 2;
    }

    private static void report(ImportResult r, ImportOptions options, PrintStream err) {
        err.println("opsgate import: " + r.source() + " -> " + r.count("AlertRule") + " AlertRules, "
                + r.count("NotificationChannel") + " NotificationChannels, " + r.count("Secret") + " Secrets in namespace "
                + options.namespace() + " (tenant " + options.tenant() + ")");
        if (!r.findings().isEmpty()) {
            err.println("not carried over, or carried over differently (also as comments in the output):");
            r.findings().forEach(f -> err.println("  " + f));
        }
    }

    private static void write(ImportResult r, Path dir, ImportOptions options) throws IOException {
        Files.createDirectories(dir);
        if (r.count("Secret") > 0) {
            Files.writeString(dir.resolve("00-secrets.yaml"), r.yaml(List.of("Secret")));
        } else {
            // A rerun must not leave the Secrets of an earlier import next to channels that no longer use them.
            Files.deleteIfExists(dir.resolve("00-secrets.yaml"));
        }
        Files.writeString(dir.resolve("10-channels.yaml"), r.yaml(List.of("NotificationChannel")));
        Files.writeString(dir.resolve("20-rules.yaml"), r.yaml(List.of("AlertRule")));
        // The same credentials in the layout a standalone engine reads with --secrets-dir=<dir>/secrets.
        for (Manifest s : r.ofKind("Secret")) {
            Path secretDir = dir.resolve("secrets").resolve(options.namespace()).resolve(s.name());
            Files.createDirectories(secretDir);
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) s.object().get("stringData");
            for (Map.Entry<String, Object> e : values.entrySet()) {
                Path f = secretDir.resolve(e.getKey());
                Files.writeString(f, String.valueOf(e.getValue()));
                try {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the directory's own permissions apply
                }
            }
        }
    }
}
