package io.opsgate.engine.http;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The credential parser on garbled bodies: a value map or a 4xx naming the problem, nothing else. */
class SecurityPayloadProperties {
    static final List<String> CREDENTIALS = List.of(
            "{\"url\":\"https://hooks.example/T0/B0/x\",\"user\":\"ops\"}",
            "{\"password\":\"p\\u00e4ss\\nword\",\"api-key.v2\":\"\",\"a_b\":\"\\ud83d\\ude00\"}");

    @Provide
    Arbitrary<String> credentials() {
        return Garbling.payloads(CREDENTIALS);
    }

    @Property(tries = 2000)
    void theCredentialParserAnswersValuesOrA4xx(@ForAll("credentials") String payload) {
        try {
            Map<String, String> values = SecurityHandlers.parseValues(payload.getBytes(StandardCharsets.UTF_8));
            assertThat(values).isNotEmpty().hasSizeLessThanOrEqualTo(SecurityHandlers.MAX_KEYS);
            assertThat(values.keySet()).allMatch(k -> SecurityHandlers.NAME.matcher(k).matches());
        } catch (ApiError e) {
            assertThat(e.status()).isBetween(400, 499);
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
