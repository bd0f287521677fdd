package io.opsgate.engine.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small helpers for the importer's unit tests: import inline YAML, find objects and their spec. */
final class ImportFixtures {
    private ImportFixtures() {
    }

    static ImportResult importYaml(String yaml) throws ImportFailure {
        return importYaml(yaml, Path.of("."));
    }

    static ImportResult importYaml(String yaml, Path baseDir) throws ImportFailure {
        return AlertmanagerImport.fromAlertmanagerYaml(yaml, baseDir, "test.yml", ImportOptions.forTenant("acme"));
    }

    static Manifest named(ImportResult r, String kind, String name) {
        return r.ofKind(kind).stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + names(r, kind)));
    }

    static List<String> names(ImportResult r, String kind) {
        return r.ofKind(kind).stream().map(Manifest::name).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(Manifest m) {
        return (Map<String, Object>) m.object().get("spec");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> notifyOf(Manifest rule) {
        return (Map<String, Object>) ((Map<String, Object>) spec(rule).get("actions")).get("notify");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Manifest m, String key) {
        return (Map<String, Object>) spec(m).get(key);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> stringData(Manifest secret) {
        return (Map<String, Object>) secret.object().get("stringData");
    }
}
