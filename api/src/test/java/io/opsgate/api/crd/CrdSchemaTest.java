package io.opsgate.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.opsgate.api.config.Compilation;
import io.opsgate.api.config.ConfigCompiler;
import io.opsgate.api.config.ManifestReader;
import io.opsgate.api.config.ManifestSet;
import io.opsgate.api.validation.FieldError;
import io.opsgate.api.validation.ObjectValidator;
import io.opsgate.api.validation.ValidationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples pass the CRD schemas (structure and CEL) and the shared validator; each invalid
 * fixture fails on the field it names, in the validator always and in the schema where a schema can
 * express the rule. Schema and validator must not disagree.
 */
class CrdSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static CrdSchema schema;

    @BeforeAll
    static void load() throws IOException {
        schema = CrdSchema.load();
    }

    static List<Path> exampleFiles() throws IOException {
        try (Stream<Path> s = Files.walk(CrdFiles.repoRoot().resolve("examples"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).filter(p -> !p.toString().contains("/secrets/"))
                    .sorted().toList();
        }
    }

    static List<Path> invalidFixtures() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/invalid"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void examplesPassSchemaAndValidator(Path file) throws IOException {
        int checked = 0;
        for (JsonNode doc : documents(file)) {
            if (!schema.knows(doc.path("kind").asText())) {
                continue;
            }
            checked++;
            assertThat(schema.validate(doc)).as("%s %s", file.getFileName(), doc.path("metadata").path("name")).isEmpty();
            ValidationResult r = ObjectValidator.validate(doc);
            assertThat(r.errors()).as("%s %s", file.getFileName(), doc.path("metadata").path("name")).isEmpty();
        }
        assertThat(checked).as("opsgate objects in %s", file).isPositive();
    }

    @Test
    void demoTenantCompilesWithNothingExcluded() throws IOException {
        ManifestSet set = ManifestReader.readDirectory(CrdFiles.repoRoot().resolve("examples/demo"));
        assertThat(set.errors).isEmpty();
        assertThat(set.tenants).hasSize(1);
        Compilation c = ConfigCompiler.compile(set.forTenant(set.tenants.get(0), List.of()));
        assertThat(c.config().excluded).isEmpty();
        assertThat(c.config().alertRules).extracting(r -> r.name).containsExactly("drop-info-noise", "critical-to-oncall");
        assertThat(c.config().notificationChannels).hasSize(2);
        assertThat(c.config().monitors).hasSize(1);
        assertThat(c.config().opsJobs).hasSize(1);
        assertThat(c.config().alertSources).extracting(x -> x.name).containsExactly("batch-mail", "zabbix");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFixtures")
    void invalidObjectsFailOnTheExpectedField(Path file) throws IOException {
        JsonNode doc = documents(file).get(0);
        JsonNode ann = doc.path("metadata").path("annotations");
        String field = ann.path("test.opsgate.io/expect-field").asText();
        String reason = ann.path("test.opsgate.io/expect-reason").asText();
        boolean schemaRejects = ann.path("test.opsgate.io/schema-rejects").asBoolean();

        ValidationResult r = ObjectValidator.validate(doc);
        assertThat(r.errors()).as("validator errors of %s", file.getFileName())
                .extracting(FieldError::path, FieldError::reason)
                .contains(org.assertj.core.groups.Tuple.tuple(field, reason));

        List<CrdSchema.Violation> violations = schema.validate(doc);
        if (schemaRejects) {
            assertThat(violations).as("schema violations of %s", file.getFileName())
                    .anySatisfy(v -> assertThat(field).startsWith(v.path()));
        } else {
            // Not expressible in a schema: the webhook (the same validator) is what rejects it.
            assertThat(violations).as("schema violations of %s", file.getFileName()).isEmpty();
        }
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull()) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }
}
