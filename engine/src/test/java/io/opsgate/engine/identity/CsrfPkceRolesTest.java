package io.opsgate.engine.identity;

import io.opsgate.api.v1alpha1.ApiTokenSpec.TokenScope;
import io.opsgate.api.v1alpha1.Subject;
import io.opsgate.api.v1alpha1.TenantSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CsrfPkceRolesTest {

    @Test
    void theS256ChallengeIsRfc7636sExample() {
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(Pkce.verifier()).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void aChangeNeedsTheConsolesOriginAndTheSessionsToken() {
        String self = "http://127.0.0.1:9093";
        String ext = "https://ops.example.com";
        assertThat(Csrf.problem(self, "tok", "tok", self, null)).isNull();
        assertThat(Csrf.problem("HTTPS://OPS.EXAMPLE.COM", "tok", "tok", self, ext)).isNull();
        assertThat(Csrf.problem(null, "tok", "tok", self, ext)).startsWith("Origin header missing");
        assertThat(Csrf.problem("https://evil.example", "tok", "tok", self, ext)).startsWith("Origin https://evil.example");
        assertThat(Csrf.problem(self, null, "tok", self, ext)).contains("missing");
        assertThat(Csrf.problem(self, "tok2", "tok", self, ext)).contains("not this session's");
        assertThat(Csrf.tokenMatches(null, null)).isFalse();
    }

    @Test
    void rolesComeFromUsersAndGroupsAndGiveTheTokenScopes() {
        TenantSpec spec = new TenantSpec();
        spec.owners.add(new Subject(Subject.SubjectKind.User, "alice", null));
        spec.operators.add(new Subject(Subject.SubjectKind.Group, "acme-ops", null));
        spec.viewers.add(new Subject(Subject.SubjectKind.User, "vera", null));
        spec.viewers.add(new Subject(Subject.SubjectKind.ServiceAccount, "vera", "opsgate-acme"));

        assertThat(Roles.of(spec, person("alice"))).containsExactly(Roles.Role.OWNER);
        assertThat(Roles.scopes(Roles.of(spec, person("alice")))).isEqualTo(Set.of(TokenScope.Ingest, TokenScope.Read, TokenScope.Admin));
        assertThat(Roles.scopes(Roles.of(spec, person("olga", "acme-ops")))).isEqualTo(Set.of(TokenScope.Read, TokenScope.Tickets));
        assertThat(Roles.scopes(Roles.of(spec, person("vera")))).isEqualTo(Set.of(TokenScope.Read));
        assertThat(Roles.of(spec, person("alice", "acme-ops"))).containsExactly(Roles.Role.OWNER, Roles.Role.OPERATOR);
        assertThat(Roles.of(spec, person("mallory", "other"))).isEmpty();
        assertThat(Roles.of(spec, person("acme-ops"))).as("a user named like a group is not in it").isEmpty();
    }

    private static Person person(String name, String... groups) {
        return new Person(name, List.of(groups), Person.OIDC);
    }
}
