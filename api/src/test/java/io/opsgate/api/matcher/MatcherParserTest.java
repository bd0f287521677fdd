package io.opsgate.api.matcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatcherParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "severity=\"critical\"        ; severity ; EQUAL     ; critical",
        "severity = critical          ; severity ; EQUAL     ; critical",
        "env!=\"prod\"                ; env      ; NOT_EQUAL ; prod",
        "job=~\"api|web\"             ; job      ; REGEX     ; api|web",
        "job !~ \"test.*\"            ; job      ; NOT_REGEX ; test.*",
        "summary=\"a \\\"quoted\\\" word\" ; summary ; EQUAL ; a \"quoted\" word",
        "\"odd name\"=\"x\"           ; odd name ; EQUAL     ; x",
        "instance=~\"host-\\d+\"      ; instance ; REGEX     ; host-\\d+",
    })
    void parsesAlertmanagerSyntax(String text, String name, MatchType type, String value) {
        Matcher m = MatcherParser.parse(text);
        assertThat(m.name()).isEqualTo(name);
        assertThat(m.type()).isEqualTo(type);
        assertThat(m.value()).isEqualTo(value);
    }

    @Test
    void regexesAreAnchoredAtBothEnds() {
        Matcher m = MatcherParser.parse("job=~\"api\"");
        assertThat(m.matches("api")).isTrue();
        assertThat(m.matches("api-server")).isFalse();
        assertThat(m.matches("my-api")).isFalse();
        Matcher alternatives = MatcherParser.parse("job=~\"a|b\"");
        // Anchoring wraps the whole alternation, as ^(?:a|b)$ does.
        assertThat(alternatives.matches("a")).isTrue();
        assertThat(alternatives.matches("ab")).isFalse();
    }

    @Test
    void aMissingLabelMatchesAsTheEmptyString() {
        assertThat(MatcherParser.parse("team=\"\"").matches(Map.of("alertname", "X"))).isTrue();
        assertThat(MatcherParser.parse("team!=\"db\"").matches(Map.of())).isTrue();
        assertThat(MatcherParser.parse("team=~\".+\"").matches(Map.of())).isFalse();
        assertThat(MatcherParser.parse("team!~\".+\"").matches(Map.of())).isTrue();
    }

    @Test
    void negativeOperatorsInvert() {
        assertThat(MatcherParser.parse("env!=prod").matches("prod")).isFalse();
        assertThat(MatcherParser.parse("env!=prod").matches("dev")).isTrue();
        assertThat(MatcherParser.parse("env!~\"pr.*\"").matches("prod")).isFalse();
        assertThat(MatcherParser.parse("env!~\"pr.*\"").matches("dev")).isTrue();
    }

    @Test
    void listsInBracesAsAmtoolFiltersWriteThem() {
        List<Matcher> ms = MatcherParser.parseList("{alertname=\"Disk, full\", severity=~\"crit.*\"}");
        assertThat(ms).extracting(Matcher::name).containsExactly("alertname", "severity");
        assertThat(ms.get(0).value()).isEqualTo("Disk, full");
        assertThat(MatcherParser.parseList("a=1,b!=2")).hasSize(2);
        assertThat(MatcherParser.parseList("")).isEmpty();
    }

    @Test
    void errorsNameThePositionAndTheProblem() {
        assertThatThrownBy(() -> MatcherParser.parse("job=~\"(\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid regex");
        assertThatThrownBy(() -> MatcherParser.parse("severity critical"))
                .hasMessageContaining("position 10").hasMessageContaining("operator");
        assertThatThrownBy(() -> MatcherParser.parse("a==b")).hasMessageContaining("== is not an operator");
        assertThatThrownBy(() -> MatcherParser.parse("a=\"open")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> MatcherParser.parse("=x")).hasMessageContaining("label name");
        assertThatThrownBy(() -> MatcherParser.parseList("{a=1")).hasMessageContaining("}");
    }

    @Test
    void printsInAlertmanagerSyntaxThatParsesBack() {
        Matcher m = Matcher.of("summary", MatchType.NOT_EQUAL, "a\"b\\c\nd");
        assertThat(MatcherParser.parse(m.toString())).isEqualTo(m);
    }

    @Test
    void re2RefusesBackreferencesSoNoRegexCanBacktrackForever() {
        assertThatThrownBy(() -> MatcherParser.parse("x=~\"(a)\\1\"")).hasMessageContaining("invalid regex");
        Matcher evil = MatcherParser.parse("x=~\"(a+)+$\"");
        assertThat(evil.matches("a".repeat(5000) + "b")).isFalse(); // linear time in RE2
    }
}
