package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A user, group or service account that a RoleBinding names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.kind != 'ServiceAccount' || has(self.namespace)",
        message = "namespace is required for a ServiceAccount subject")
public class Subject {

    @Required
    @JsonPropertyDescription("User, Group or ServiceAccount.")
    public SubjectKind kind;

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("The name as the cluster's authenticator reports it.")
    public String name;

    @JsonPropertyDescription("Namespace of a ServiceAccount subject.")
    public String namespace;

    public Subject() {
    }

    public Subject(SubjectKind kind, String name, String namespace) {
        this.kind = kind;
        this.name = name;
        this.namespace = namespace;
    }

    /** RBAC subject kinds. */
    public enum SubjectKind {
        User,
        Group,
        ServiceAccount
    }
}
