package io.opsgate.engine.ruletest;

import io.opsgate.api.config.Compilation;
import io.opsgate.api.config.ConfigCompiler;
import io.opsgate.api.config.ExcludedObject;
import io.opsgate.api.config.ManifestReader;
import io.opsgate.api.config.ManifestSet;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.validation.ResourceValidator;
import io.opsgate.api.validation.ValidationResult;
import io.opsgate.engine.config.TenantConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code java -jar opsgate-engine.jar test rules <dir> <tests.yaml>}: loads the directory as standalone mode and
 * {@code kubectl apply} would take it (the same reader and compiler), runs each test case's alerts through the
 * engine's pipeline ({@link RuleTestRunner}) and compares what happened to each alert with what the case expects,
 * in the manner of {@code promtool test rules}: SUCCESS, or FAILED with expected and got per alert. Exit 0 when
 * every expectation holds, 1 when one does not, 2 when the directory or the test file cannot be used.
 */
public final class RuleTestCommand {
    public static final String NAME = "test";
    static final String USAGE = """
            usage: java -jar opsgate-engine.jar test rules <dir> <tests.yaml>
              <dir>         the YAML you apply with kubectl (Tenant, AlertRules, NotificationChannels, ...)
              <tests.yaml>  the test cases (docs/rules.md, "Offline rule tests")
            exit codes: 0 every expectation holds, 1 one does not, 2 a file cannot be used""";

    private RuleTestCommand() {
    }

    /** Runs the command ({@code args[0]} is {@code test}); returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 4 || !args[1].equals("rules")) {
            err.println(USAGE);
            return 2;
        }
        Path dir = Path.of(args[2]);
        Path testFile = Path.of(args[3]);
        RuleTestFile tests;
        TenantConfig config;
        try {
            tests = RuleTestFile.read(testFile);
            config = load(dir, tests.tenant);
        } catch (RuleTestFile.BadFile e) {
            err.println("opsgate test rules: " + e.getMessage());
            return 2;
        }
        out.println("Unit Testing: " + testFile);
        RuleTestRunner runner = new RuleTestRunner(config);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < tests.tests.size(); i++) {
            RuleTestFile.Case c = tests.tests.get(i);
            List<Outcome> outcomes = runner.run(c);
            for (int j = 0; j < c.alerts.size(); j++) {
                RuleTestFile.TestAlert alert = c.alerts.get(j);
                List<String> fields = outcomes.get(j).differences(alert.expect);
                if (!fields.isEmpty()) {
                    failures.add("    " + (c.name == null ? "tests[" + i + "]" : c.name) + ", alert " + (j + 1) + " "
                            + labels(alert.labels) + ":\n"
                            + "      exp: " + Outcome.show(alert.expect, fields) + "\n"
                            + "      got: " + outcomes.get(j).show(fields));
                }
            }
        }
        if (failures.isEmpty()) {
            out.println("  SUCCESS");
            return 0;
        }
        out.println("  FAILED:");
        failures.forEach(out::println);
        return 1;
    }

    /** The tenant's configuration as standalone mode compiles it; refuses a directory with invalid objects. */
    static TenantConfig load(Path dir, String tenantName) throws RuleTestFile.BadFile {
        ManifestSet set;
        try {
            set = ManifestReader.readDirectory(dir);
        } catch (IOException | RuntimeException e) {
            throw new RuleTestFile.BadFile(dir + ": " + e.getMessage());
        }
        if (!set.errors.isEmpty()) {
            throw new RuleTestFile.BadFile(String.join("\n", set.errors));
        }
        Tenant tenant = pick(dir, set, tenantName);
        ValidationResult valid = ResourceValidator.tenant(tenant.getMetadata().getName(), tenant.getSpec());
        if (!valid.isValid()) {
            throw new RuleTestFile.BadFile("Tenant/" + tenant.getMetadata().getName() + ": " + valid.message());
        }
        Compilation c = ConfigCompiler.compile(set.forTenant(tenant, List.of()));
        List<String> excluded = new ArrayList<>();
        for (ExcludedObject x : c.config().excluded) {
            excluded.add(x.kind + "/" + x.name + " (" + x.reason + "): " + x.message);
        }
        if (!excluded.isEmpty()) {
            throw new RuleTestFile.BadFile(dir + ": objects the cluster would refuse:\n  " + String.join("\n  ", excluded));
        }
        return new TenantConfig(c.config(), List.of());
    }

    private static Tenant pick(Path dir, ManifestSet set, String name) throws RuleTestFile.BadFile {
        if (name != null) {
            return set.tenant(name).orElseThrow(() -> new RuleTestFile.BadFile(dir + ": no Tenant named " + name));
        }
        if (set.tenants.size() != 1) {
            throw new RuleTestFile.BadFile(dir + ": " + set.tenants.size() + " Tenants ("
                    + set.tenants.stream().map(t -> t.getMetadata().getName()).collect(Collectors.joining(", "))
                    + "); name one with tenant: in the test file");
        }
        return set.tenants.get(0);
    }

    private static String labels(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
