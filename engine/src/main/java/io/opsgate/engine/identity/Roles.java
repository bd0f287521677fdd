package io.opsgate.engine.identity;

import io.opsgate.api.v1alpha1.ApiTokenSpec.TokenScope;
import io.opsgate.api.v1alpha1.Subject;
import io.opsgate.api.v1alpha1.TenantSpec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a person may do in a tenant: the Tenant's owners, operators and viewers (User and Group subjects)
 * give the same scopes as API tokens (docs/architecture.md): owner = Ingest + Read + Admin, operator =
 * Read + Tickets, viewer = Read. Computed from the configuration in force on every request, so removing a
 * person from the Tenant takes effect at once.
 */
public final class Roles {

    /** The three roles and the scopes each grants. */
    public enum Role {
        OWNER(EnumSet.of(TokenScope.Ingest, TokenScope.Read, TokenScope.Admin)),
        OPERATOR(EnumSet.of(TokenScope.Read, TokenScope.Tickets)),
        VIEWER(EnumSet.of(TokenScope.Read));

        private final Set<TokenScope> scopes;

        Role(Set<TokenScope> scopes) {
            this.scopes = scopes;
        }

        public Set<TokenScope> scopes() {
            return EnumSet.copyOf(scopes);
        }

        /** The lower-case name the console and the access log show. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private Roles() {
    }

    /** The roles the Tenant gives {@code person}, highest first; empty when none. */
    public static List<Role> of(TenantSpec spec, Person person) {
        List<Role> roles = new ArrayList<>();
        if (spec == null) {
            return roles;
        }
        if (names(spec.owners, person)) {
            roles.add(Role.OWNER);
        }
        if (names(spec.operators, person)) {
            roles.add(Role.OPERATOR);
        }
        if (names(spec.viewers, person)) {
            roles.add(Role.VIEWER);
        }
        return roles;
    }

    /** The union of the scopes of {@code roles}. */
    public static Set<TokenScope> scopes(List<Role> roles) {
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        for (Role r : roles) {
            scopes.addAll(r.scopes());
        }
        return scopes;
    }

    /** ServiceAccount subjects are for machines and never match a person. */
    private static boolean names(List<Subject> subjects, Person person) {
        if (subjects == null) {
            return false;
        }
        for (Subject s : subjects) {
            if (s == null || s.kind == null || s.name == null) {
                continue;
            }
            if (s.kind == Subject.SubjectKind.User && s.name.equals(person.name())) {
                return true;
            }
            if (s.kind == Subject.SubjectKind.Group && person.groups().contains(s.name)) {
                return true;
            }
        }
        return false;
    }
}
