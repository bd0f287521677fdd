package io.opsgate.api.text;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Any text either parses into a condition that evaluates, or fails with a position inside the text. */
class TextConditionProperties {

    @Property(tries = 3000)
    void parsesOrFailsWithAPositionInsideTheText(@ForAll("conditionish") String text) {
        try {
            TextCondition c = TextCondition.parse(text);
            c.matches(Map.of(TextField.SUBJECT, "WARN testnode_001", TextField.BODY, "本文"));
        } catch (TextConditionException e) {
            assertThat(e.position()).isBetween(1, Math.max(1, text.length() + 1));
        }
    }

    @Provide
    Arbitrary<String> conditionish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("()\"/ ic:\\").ofMaxLength(20),
                Arbitraries.of("and", "or", "not", "(", ")", "WARN", "\"x y\"", "/a+/", "/b/i", "subject:", "c\"Z\"",
                        "障害", " ").list().ofMaxSize(12).map(l -> String.join(" ", l)));
    }
}
