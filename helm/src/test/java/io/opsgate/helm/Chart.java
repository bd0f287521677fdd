package io.opsgate.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.opsgate.testing.tls.Pem;
import io.opsgate.testing.tls.TestCertificateAuthority;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The chart in helm/opsgate, rendered and linted through helm-java (Helm as a library, no binary). */
final class Chart {

    static final String RELEASE = "opsgate";
    static final String NAMESPACE = "opsgate-system";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final YAMLMapper YAML = new YAMLMapper();
    /** The external-certificate case's CA, made in the test: base64 of its PEM, as webhook.tls.caBundle takes it. */
    static final String EXTERNAL_CA_BUNDLE =
            Pem.base64(TestCertificateAuthority.create("CN=opsgate external test CA").certificatePem());

    /** The value sets the chart is tested with: its three ways to get the webhook's certificate. */
    enum Values {
        DEFAULTS(Map.of()),
        CERT_MANAGER(Map.of("certManager.enabled", true)),
        EXTERNAL_CERTIFICATE(Map.of("webhook.tls.existingSecret", "corp-webhook-tls",
                "webhook.tls.caBundle", EXTERNAL_CA_BUNDLE)),
        PLATFORM_DEFAULTS(Map.of("monitoring.namespace", "prometheus", "serviceMonitor.enabled", true,
                "tenantDefaults.externalURLTemplate", "https://opsgate.example.com/{tenant}"));

        final Map<String, Object> sets;

        Values(Map<String, Object> sets) {
            this.sets = sets;
        }
    }

    private Chart() {
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("opsgate.repoRoot", "..")).toAbsolutePath().normalize();
    }

    static Path dir() {
        return repoRoot().resolve("helm/opsgate");
    }

    /** helm template with these --set values, in release namespace opsgate-system. */
    static String template(Map<String, Object> sets) {
        FakeApiServer.get();
        TemplateCommand t = new Helm(dir()).template().withName(RELEASE).withNamespace(NAMESPACE);
        sets.forEach(t::set);
        return t.call();
    }

    /** The rendered manifests as Fabric8 objects (GenericKubernetesResource for kinds Fabric8 does not know). */
    static List<HasMetadata> render(Map<String, Object> sets) {
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : template(sets).split("(?m)^---\\s*$")) {
            if (doc.lines().anyMatch(l -> !l.isBlank() && !l.startsWith("#"))) {
                out.add(SERIALIZATION.unmarshal(doc, HasMetadata.class));
            }
        }
        return out;
    }

    /**
     * A copy of the chart whose values.yaml has these values merged in, for helm lint, which takes no
     * --set. Keys are dotted paths, as with --set.
     */
    static Path copyWithValues(Map<String, Object> sets, Path into) throws IOException {
        try (Stream<Path> files = Files.walk(dir())) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = into.resolve(dir().relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        ObjectNode values = (ObjectNode) YAML.readTree(dir().resolve("values.yaml").toFile());
        for (Map.Entry<String, Object> e : new LinkedHashMap<>(sets).entrySet()) {
            String[] path = e.getKey().split("\\.");
            ObjectNode at = values;
            for (int i = 0; i < path.length - 1; i++) {
                at = (ObjectNode) at.get(path[i]);
            }
            at.set(path[path.length - 1], YAML.valueToTree(e.getValue()));
        }
        YAML.writeValue(into.resolve("values.yaml").toFile(), values);
        return into;
    }

    /** Parses YAML or JSON text into a tree. */
    static JsonNode tree(String text) throws IOException {
        return YAML.readTree(text);
    }
}
