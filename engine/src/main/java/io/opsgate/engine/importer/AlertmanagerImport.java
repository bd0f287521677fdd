package io.opsgate.engine.importer;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.opsgate.api.config.Compilation;
import io.opsgate.api.config.ConfigCompiler;
import io.opsgate.api.config.ManifestReader;
import io.opsgate.api.config.ManifestSet;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.v1alpha1.TenantSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an Alertmanager configuration into opsgate objects that route every alert to the same receivers:
 * the routing tree as AlertRules linked by {@code spec.parent}, receivers as NotificationChannels with
 * their credentials in Secrets, inhibit rules as AlertRules with {@code inhibit}, time intervals as the
 * rules' notify time windows. What has no place in opsgate is returned as findings, never dropped silently.
 */
public final class AlertmanagerImport {
    private AlertmanagerImport() {
    }

    /**
     * Imports an {@code alertmanager.yml}.
     *
     * @param baseDir where relative {@code *_file} paths point (the file's directory)
     * @param source  how to name the input in the output's header
     * @throws ImportFailure when Alertmanager would refuse the file; nothing is produced
     */
    public static ImportResult fromAlertmanagerYaml(String text, Path baseDir, String source, ImportOptions options)
            throws ImportFailure {
        AmConfig config = AlertmanagerYamlParser.parse(text, baseDir);
        return translate(config, RouteTranslator.Inherited.defaults(), options, source, "alertmanager");
    }

    /**
     * Imports a Prometheus Operator {@code AlertmanagerConfig} resource (and the Secrets in the same text
     * that it references).
     *
     * @throws ImportFailure when the resource is invalid; nothing is produced
     */
    public static ImportResult fromAlertmanagerConfig(String text, String source, ImportOptions options,
                                                      NamespaceMatching matching) throws ImportFailure {
        AmConfig config = AlertmanagerConfigResourceParser.parse(text, matching);
        return translate(config, RouteTranslator.Inherited.defaults(), options, source, "alertmanagerconfig");
    }

    static ImportResult translate(AmConfig config, RouteTranslator.Inherited base, ImportOptions options, String source,
                                  String label) {
        List<Finding> findings = new ArrayList<>(config.findings);
        ReceiverTranslator receivers = new ReceiverTranslator(config, options, label, findings);
        Map<String, List<String>> channels = new HashMap<>();
        RouteTranslator routes = new RouteTranslator(config, options, label,
                name -> channels.computeIfAbsent(name, n -> receivers.translate(config.receivers.get(n))), findings);
        List<Manifest> rules = routes.translate(config.route, base);
        for (AmConfig.Receiver r : config.receivers.values()) {
            if (!channels.containsKey(r.name)) {
                findings.add(new Finding(r.position, "receiver \"" + r.name + "\"", "no route uses it: not imported"));
            }
        }
        InhibitTranslator inhibits = new InhibitTranslator(options, label);
        List<Manifest> inhibitRules = inhibits.translate(config.inhibitRules);
        findings.addAll(InhibitTranslator.chains(config.inhibitRules));
        List<Manifest> all = new ArrayList<>(receivers.secrets());
        all.addAll(receivers.channels());
        all.addAll(rules);
        all.addAll(inhibitRules);
        findings.sort(Comparator.comparingInt((Finding f) -> f.position().line())
                .thenComparingInt(f -> f.position().column()));
        ImportResult result = new ImportResult(source, List.copyOf(all), List.copyOf(findings));
        selfCheck(result, options);
        return result;
    }

    /**
     * Compiles the output as the operator and the standalone engine would: every object must be valid, or
     * the import has a bug, which is better found here than by a tenant.
     */
    private static void selfCheck(ImportResult result, ImportOptions options) {
        ManifestSet set = new ManifestSet();
        ManifestReader.read("import", result.yaml(), set);
        Tenant tenant = new Tenant();
        tenant.setMetadata(new ObjectMetaBuilder().withName(options.tenant()).withGeneration(1L).build());
        tenant.setSpec(new TenantSpec());
        if (!options.namespace().equals("opsgate-" + options.tenant())) {
            tenant.getSpec().namespace = options.namespace();
        }
        Compilation c = ConfigCompiler.compile(set.forTenant(tenant, List.of()));
        if (!set.errors.isEmpty() || !c.config().excluded.isEmpty()) {
            throw new IllegalStateException("the imported objects do not compile: " + set.errors + " "
                    + c.config().excluded.stream().map(e -> e.kind + " " + e.name + ": " + e.message).toList());
        }
    }
}
