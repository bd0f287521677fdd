package io.opsgate.api.text;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonPathsTest {

    @Test
    void jsonPathBecomesAPointer() {
        assertThat(JsonPaths.toPointer("$.event.name")).isEqualTo("/event/name");
        assertThat(JsonPaths.toPointer("$.Records[0].Sns['Message Id']")).isEqualTo("/Records/0/Sns/Message Id");
        assertThat(JsonPaths.toPointer("$['a/b']")).isEqualTo("/a~1b");
        assertThat(JsonPaths.toPointer("/already/pointer")).isEqualTo("/already/pointer");
        assertThat(JsonPaths.toPointer("$")).isEmpty();
    }

    @Test
    void wildcardsAndFiltersAreRefusedWithAPosition() {
        assertThatThrownBy(() -> JsonPaths.toPointer("$.alerts[*].name")).hasMessageContaining("position 9");
        assertThatThrownBy(() -> JsonPaths.toPointer("$..name")).hasMessageContaining("expected a field name");
        assertThatThrownBy(() -> JsonPaths.toPointer("event.name")).hasMessageContaining("neither");
    }

    @Test
    void labelTemplates() {
        assertThat(LabelTemplates.render("{{host}}/{{ job }}", Map.of("host", "n1", "job", "J"))).isEqualTo("n1/J");
        assertThat(LabelTemplates.render("x{{missing}}y", Map.of())).isEqualTo("xy");
        assertThat(LabelTemplates.render("{{v}}", Map.of("v", "$1\\"))).isEqualTo("$1\\");
        assertThatThrownBy(() -> LabelTemplates.check("{{host-name}}")).hasMessageContaining("not a label name");
        assertThatThrownBy(() -> LabelTemplates.check("{{host")).hasMessageContaining("unclosed");
    }
}
