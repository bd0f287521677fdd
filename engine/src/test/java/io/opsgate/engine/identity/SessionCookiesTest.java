package io.opsgate.engine.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionCookiesTest {

    @Test
    void overTlsTheCookieIsSecureWithTheHostPrefixAndAlwaysHttpOnlyLaxAtTheRoot() {
        assertThat(SessionCookies.set("opsgate_session", "acme.id", true, 43200))
                .isEqualTo("__Host-opsgate_session=acme.id; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax; Secure");
        assertThat(SessionCookies.set("opsgate_session", "acme.id", false, 43200))
                .isEqualTo("opsgate_session=acme.id; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax");
    }

    @Test
    void theSessionCookieNamesItsTenantAndTheHostPrefixedOneWins() {
        assertThat(SessionCookies.session("a=b; opsgate_session=acme.abc-DEF_1")).isEqualTo(new SessionCookies.Value("acme", "abc-DEF_1"));
        assertThat(SessionCookies.session("opsgate_session=acme.plain; __Host-opsgate_session=globex.tls"))
                .isEqualTo(new SessionCookies.Value("globex", "tls"));
        assertThat(SessionCookies.session("opsgate_session=Not_A_Tenant.x").tenant()).isNull();
        assertThat(SessionCookies.session("opsgate_session=noseparator").tenant()).isNull();
        assertThat(SessionCookies.session("other=1")).isNull();
        assertThat(SessionCookies.session(null)).isNull();
    }
}
