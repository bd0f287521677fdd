package io.opsgate.engine.identity;

import java.util.List;

/**
 * A signed-in person as the identity provider (or the local users file) named them.
 *
 * @param name       the user name matched against User subjects, and the principal in the access log
 * @param groups     the groups matched against Group subjects
 * @param authMethod how the person signed in: {@value #OIDC} or {@value #LOCAL}
 */
public record Person(String name, List<String> groups, String authMethod) {
    public static final String OIDC = "oidc";
    public static final String LOCAL = "local";

    public Person {
        groups = List.copyOf(groups);
    }
}
