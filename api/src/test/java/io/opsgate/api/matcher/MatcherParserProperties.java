package io.opsgate.api.matcher;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** Garbled input never escapes as anything but a described IllegalArgumentException. */
class MatcherParserProperties {

    @Property(tries = 2000)
    void anyTextParsesOrFailsWithAMessage(@ForAll("matcherish") String text) {
        try {
            MatcherParser.parse(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        try {
            MatcherParser.parseList(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void printedMatchersParseBackEqual(@ForAll("names") String name, @ForAll MatchType type,
                                       @ForAll("values") String value) {
        Matcher m;
        try {
            m = Matcher.of(name, type, value);
        } catch (IllegalArgumentException e) {
            return; // a value that is not a valid regex for =~
        }
        assertThat(MatcherParser.parse(m.toString())).isEqualTo(m);
    }

    @Provide
    Arbitrary<String> matcherish() {
        return Arbitraries.strings().withChars("ab_=!~\"\\{},. 09()|*+\n").ofMaxLength(30);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars("ab \"\\,{}=~.*\n日本").ofMaxLength(15);
    }
}
