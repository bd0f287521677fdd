package io.opsgate.engine.notify.callout;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Callback signatures: any change of URL, parameters or key makes them invalid; parameter order does not. */
class TwilioSignatureTest {

    private static final String URL = "https://opsgate.acme.example/api/v1/callouts/acme/t0k/gather";

    @Test
    void validOnlyForTheSameUrlParametersAndToken() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Digits", "1");
        params.put("CallSid", "CA1");
        params.put("AccountSid", "AC1");
        String sig = TwilioSignature.compute("secret", URL, params);

        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("AccountSid", "AC1");
        reordered.put("CallSid", "CA1");
        reordered.put("Digits", "1");
        assertThat(TwilioSignature.valid("secret", URL, reordered, sig)).isTrue();
        assertThat(TwilioSignature.valid("secret", URL, Map.of("Digits", "2", "CallSid", "CA1", "AccountSid", "AC1"), sig)).isFalse();
        assertThat(TwilioSignature.valid("secret", URL + "x", params, sig)).isFalse();
        assertThat(TwilioSignature.valid("other", URL, params, sig)).isFalse();
        assertThat(TwilioSignature.valid("secret", URL, params, null)).isFalse();
        assertThat(TwilioSignature.valid("secret", URL, params, "")).isFalse();
        // The provider's scheme joins names and values without separators, so these two collide; we must
        // compute exactly what the provider computes, collisions included.
        assertThat(TwilioSignature.compute("secret", URL, Map.of("ab", "c")))
                .isEqualTo(TwilioSignature.compute("secret", URL, Map.of("a", "bc")));
    }
}
