package io.opsgate.engine.importer;

import io.opsgate.api.matcher.MatchType;
import io.opsgate.api.matcher.Matcher;
import io.opsgate.api.matcher.MatcherParser;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Alertmanager's classic matcher syntax, and opsgate's reading of what the import writes. */
class AmMatchersTest {

    @Test
    void aLineMayHoldSeveralMatchersInBracesWithATrailingComma() {
        assertThat(AmMatchers.parseList("{foo = \"bar\", dings != \"bums\", }")).containsExactly(
                Matcher.of("foo", MatchType.EQUAL, "bar"), Matcher.of("dings", MatchType.NOT_EQUAL, "bums"));
        assertThat(AmMatchers.parseList("foo=bar,dings!=bums")).hasSize(2);
        assertThat(AmMatchers.parseList("statuscode=~\"5..\"")).containsExactly(Matcher.of("statuscode", MatchType.REGEX, "5.."));
    }

    @Test
    void quotedValuesKeepCommasAndUnescapeAsAlertmanagerDoes() {
        assertThat(AmMatchers.parseList("{quote=\"She said: \\\"Hi, all\\\"\"}"))
                .containsExactly(Matcher.of("quote", MatchType.EQUAL, "She said: \"Hi, all\""));
        assertThat(AmMatchers.parseList("path=\"a\\\\b\\nc\"")).containsExactly(Matcher.of("path", MatchType.EQUAL, "a\\b\nc"));
        // A backslash before anything else stays, so regexes keep \d and \.
        assertThat(AmMatchers.parseList("instance=~\"db-\\d+\\.eu\"").get(0).value()).isEqualTo("db-\\d+\\.eu");
        assertThat(AmMatchers.parseList("name=unquoted value").get(0).value()).isEqualTo("unquoted value");
    }

    @Test
    void malformedMatchersAreRefusedWithAlertmanagersReasons() {
        assertThatThrownBy(() -> AmMatchers.parseList("severity critical")).hasMessage("bad matcher format: severity critical");
        assertThatThrownBy(() -> AmMatchers.parseList("a=\"b\"c\"")).hasMessageContaining("unescaped double quote");
        assertThatThrownBy(() -> AmMatchers.parseList("a=\"open")).hasMessageContaining("unescaped double quote");
        assertThatThrownBy(() -> AmMatchers.parseList("a=~\"(\"")).hasMessageContaining("invalid regex");
        assertThatThrownBy(() -> AmMatchers.parseList("a=b,,c=d")).hasMessageContaining("bad matcher format");
    }

    @Property(tries = 500)
    void whatTheImportWritesOpsgateReadsAsTheSameMatcher(@ForAll("names") String name, @ForAll MatchType type,
                                                        @ForAll("values") String value) {
        Matcher m;
        try {
            m = Matcher.of(name, type, value);
        } catch (IllegalArgumentException e) {
            return; // not a valid regex for =~ and !~
        }
        assertThat(MatcherParser.parse(AmMatchers.format(m))).isEqualTo(m);
    }

    @Property(tries = 300)
    void alertmanagersQuotingParsesToTheValueOpsgateThenReads(@ForAll("values") String value) {
        // Alertmanager's own writer escapes \ " and newline; its parser must give the value back.
        String quoted = "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        List<Matcher> parsed = AmMatchers.parseList("label=" + quoted);
        assertThat(parsed).containsExactly(Matcher.of("label", MatchType.EQUAL, value));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('_', ':').ofMinLength(1).ofMaxLength(10)
                .filter(s -> Character.isLetter(s.charAt(0)));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars("ab \"\\,{}=~.*|\t\n日本").ofMaxLength(15);
    }
}
