package io.opsgate.engine.alerting;

import io.opsgate.api.matcher.Matcher;
import io.opsgate.api.matcher.MatcherParser;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast matcher answers exactly as the RE2 matcher does. */
class LabelMatcherTest {
    private static final List<String> MATCHERS = List.of("a=\"x\"", "a!=\"x\"", "a=\"\"", "a=~\"x|y\"", "a!~\"x|y\"",
            "a=~\"x|\"", "a=~\"db-.*\"", "a!~\"db-.*\"", "a=~\".*\"", "a=~\"d[a-z]+\"", "a=~\"web\"", "a=~\"a.b\"");
    private static final List<String> VALUES = List.of("", "x", "y", "xy", "db-", "db-1", "xdb-1", "web", "webx", "a.b",
            "axb", "dab", "d", "db-\nz");

    @Test
    void agreesWithRe2OnEdgeCases() {
        for (String text : MATCHERS) {
            Matcher m = MatcherParser.parse(text);
            LabelMatcher fast = LabelMatcher.of(m);
            for (String v : VALUES) {
                assertThat(fast.matches(v)).as("%s on \"%s\"", text, v).isEqualTo(m.matches(v));
            }
            assertThat(fast.matches((String) null)).as("%s on absent", text).isEqualTo(m.matches((String) null));
        }
    }

    @Property(tries = 500)
    void agreesWithRe2OnRandomValues(@ForAll @StringLength(max = 8) String value) {
        for (String text : MATCHERS) {
            Matcher m = MatcherParser.parse(text);
            assertThat(LabelMatcher.of(m).matches(value)).isEqualTo(m.matches(value));
        }
    }

    @Test
    void literalListsAreRequiredValuesOnlyWhenPositive() {
        assertThat(LabelMatcher.of(MatcherParser.parse("a=~\"x|y\"")).requiredValues()).containsExactlyInAnyOrder("x", "y");
        assertThat(LabelMatcher.of(MatcherParser.parse("a!~\"x|y\"")).requiredValues()).isNull();
        assertThat(LabelMatcher.of(MatcherParser.parse("a=~\"x.*\"")).requiredValues()).isNull();
    }
}
