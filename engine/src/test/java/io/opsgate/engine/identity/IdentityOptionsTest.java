package io.opsgate.engine.identity;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityOptionsTest {

    @Test
    void theOidcOptionsAndSessionLifetimesAreRead() {
        IdentityOptions o = IdentityOptions.parse("standalone", Map.of("oidc-issuer", "https://sso.example.com/realms/ops",
                "oidc-client-id", "opsgate", "oidc-client-secret-file", "/run/secret", "oidc-scopes", "profile, email,groups",
                "oidc-redirect-url", "https://ops.example.com/console/{tenant}/callback", "console-session-idle", "15m",
                "console-session-max-age", "8h"));
        assertThat(o.oidc()).isEqualTo(new IdentityOptions.OidcFlags("https://sso.example.com/realms/ops", "opsgate",
                Path.of("/run/secret"), "https://ops.example.com/console/{tenant}/callback", List.of("profile", "email", "groups"),
                null, null));
        assertThat(o.idle()).isEqualTo(Duration.ofMinutes(15));
        assertThat(o.maxAge()).isEqualTo(Duration.ofHours(8));
        assertThat(IdentityOptions.parse("ingest", Map.of())).isEqualTo(IdentityOptions.NONE);
    }

    @Test
    void wrongCombinationsAreNamed() {
        assertThatThrownBy(() -> IdentityOptions.parse("standalone", Map.of("oidc-issuer", "https://x")))
                .hasMessageContaining("--oidc-issuer and --oidc-client-id go together");
        assertThatThrownBy(() -> IdentityOptions.parse("notify", Map.of("oidc-issuer", "https://x", "oidc-client-id", "c")))
                .hasMessageContaining("standalone, ingest");
        assertThatThrownBy(() -> IdentityOptions.parse("ingest", Map.of("console-users-file", "/etc/users")))
                .hasMessageContaining("standalone mode only");
        assertThatThrownBy(() -> IdentityOptions.parse("standalone", Map.of("oidc-issuer", "https://x", "oidc-client-id", "c",
                "oidc-redirect-url", "https://ops.example.com/login"))).hasMessageContaining("/console/{tenant}/callback");
        assertThatThrownBy(() -> IdentityOptions.parse("standalone", Map.of("console-session-idle", "forever")))
                .hasMessageContaining("--console-session-idle");
    }

    @Test
    void hashPasswordPrintsAnArgon2idHashOfTheFirstLineAndRefusesShortOnes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = HashPasswordCommand.run(new BufferedReader(new StringReader("a long enough password\n")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isZero();
        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(PasswordHasher.verify(hash, "a long enough password".toCharArray())).isTrue();
        assertThat(HashPasswordCommand.run(new BufferedReader(new StringReader("short\n")), new PrintStream(out),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("at least 12 characters");
    }
}
