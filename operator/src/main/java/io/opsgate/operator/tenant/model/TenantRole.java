package io.opsgate.operator.tenant.model;

import io.opsgate.api.v1alpha1.Subject;
import io.opsgate.api.v1alpha1.TenantSpec;

import java.util.List;
import java.util.function.Function;

/** The three kinds of people a Tenant names, each with one Role and one RoleBinding. */
public enum TenantRole {
    OWNER("opsgate-tenant-owner", s -> s.owners),
    OPERATOR("opsgate-tenant-operator", s -> s.operators),
    VIEWER("opsgate-tenant-viewer", s -> s.viewers);

    private final String objectName;
    private final Function<TenantSpec, List<Subject>> subjects;

    TenantRole(String objectName, Function<TenantSpec, List<Subject>> subjects) {
        this.objectName = objectName;
        this.subjects = subjects;
    }

    /** Name of the Role and of the RoleBinding. */
    public String objectName() {
        return objectName;
    }

    /** The subjects the spec grants this role. */
    public List<Subject> subjects(TenantSpec spec) {
        List<Subject> s = subjects.apply(spec);
        return s == null ? List.of() : s;
    }
}
