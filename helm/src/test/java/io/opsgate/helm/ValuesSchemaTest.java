package io.opsgate.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** values.schema.json describes every value, and Helm refuses what it does not describe. */
class ValuesSchemaTest {

    @Test
    void everyValueIsDescribedAndEveryDescribedValueExists() throws Exception {
        JsonNode values = Chart.tree(Files.readString(Chart.dir().resolve("values.yaml")));
        JsonNode schema = new ObjectMapper().readTree(Chart.dir().resolve("values.schema.json").toFile());
        List<String> problems = new ArrayList<>();
        compare(values, schema, "", problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void aMisspeltValueIsAnError() {
        assertThatThrownBy(() -> Chart.template(Map.of("webhook.failurPolicy", "Fail")))
                .hasMessageContaining("failurPolicy");
    }

    @Test
    void aValueOutsideItsEnumIsAnError() {
        assertThatThrownBy(() -> Chart.template(Map.of("webhook.failurePolicy", "Sometimes")))
                .hasMessageContaining("webhook.failurePolicy");
    }

    /** Walks values and schema together: keys of one are properties of the other, each with a description. */
    private static void compare(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (!value.isObject()) {
            return;
        }
        JsonNode props = schema.path("properties");
        if (props.isMissingNode()) {
            if (!schema.path("additionalProperties").isObject() && !"object".equals(schema.path("type").asText())) {
                problems.add(path + ": an object in values.yaml, not one in the schema");
            }
            return;
        }
        if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean()) {
            problems.add(path + ": the schema must set additionalProperties: false, or typos pass");
        }
        for (Map.Entry<String, JsonNode> f : value.properties()) {
            String child = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            JsonNode s = props.get(f.getKey());
            if (s == null) {
                problems.add(child + ": in values.yaml but not in values.schema.json");
                continue;
            }
            if (!s.hasNonNull("description")) {
                problems.add(child + ": no description in values.schema.json");
            }
            compare(f.getValue(), s, child, problems);
        }
        props.fieldNames().forEachRemaining(name -> {
            if (!value.has(name)) {
                problems.add((path.isEmpty() ? name : path + "." + name) + ": in values.schema.json but not in values.yaml");
            }
        });
    }
}
