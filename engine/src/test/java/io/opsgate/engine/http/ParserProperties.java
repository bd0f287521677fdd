package io.opsgate.engine.http;

import io.opsgate.api.defaults.Defaults;
import io.opsgate.api.v1alpha1.TenantLimits;
import io.opsgate.api.v1alpha1.TenantSpec;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Every parser either returns a result or refuses with a 4xx ApiError; nothing else escapes. */
class ParserProperties {
    private static final TenantLimits LIMITS = Defaults.tenant(new TenantSpec()).limits;

    @Provide
    Arbitrary<String> payloads() {
        return Garbling.payloads();
    }

    @Property(tries = 2000)
    void parsersNeverFailOtherThanWithA4xx(@ForAll("payloads") String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        AlertParser parser = new AlertParser(LIMITS);
        check(() -> parser.postableAlerts(body));
        check(() -> parser.webhook(body));
        check(() -> parser.events(body));
        check(() -> SilenceParser.parse(body));
    }

    private static void check(Runnable parse) {
        try {
            parse.run();
        } catch (ApiError e) {
            assertThat(e.status()).isBetween(400, 499);
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
