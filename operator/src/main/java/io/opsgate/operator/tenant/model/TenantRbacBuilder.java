package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.opsgate.api.v1alpha1.OpsgateApi;
import io.opsgate.api.v1alpha1.Subject;

import java.util.ArrayList;
import java.util.List;

/**
 * The tenant's RBAC: least privilege, every resource and verb named (no wildcards), and workload
 * ServiceAccounts that get no API token. Acknowledging tickets is not a Kubernetes verb: the engine's
 * API scopes grant it (docs/operator.md maps roles to scopes).
 */
public final class TenantRbacBuilder {

    static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    /** The tenant's opsgate resources. */
    static final List<String> OPSGATE_RESOURCES =
            List.of("alertrules", "monitors", "opsjobs", "opsjobruns", "notificationchannels", "alertsources",
                    "oncallschedules", "contactgroups", "operationssuspensions");
    /** What a tenant operator may declare besides runs: suspensions of automatic operations (対応停止). */
    static final List<String> OPERATOR_WRITES = List.of("operationssuspensions");
    static final List<String> READ = List.of("get", "list", "watch");
    static final List<String> WRITE = List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");

    private TenantRbacBuilder() {
    }

    public static ServiceAccount serviceAccount(DesiredTenant d, Workload workload) {
        return new ServiceAccountBuilder()
                .withMetadata(d.meta(workload.objectName(), workload.component()))
                .withAutomountServiceAccountToken(false)
                .build();
    }

    public static Role role(DesiredTenant d, TenantRole which) {
        return new RoleBuilder()
                .withMetadata(d.meta(which.objectName(), "rbac"))
                .withRules(rules(which))
                .build();
    }

    /** The rules of a tenant role; the operator must hold each of them itself (Kubernetes refuses escalation). */
    public static List<PolicyRule> rules(TenantRole which) {
        List<PolicyRule> rules = new ArrayList<>();
        switch (which) {
            case OWNER -> {
                rules.add(rule(OpsgateApi.GROUP, OPSGATE_RESOURCES, WRITE));
                rules.addAll(troubleshooting());
            }
            case OPERATOR -> {
                rules.add(rule(OpsgateApi.GROUP, OPSGATE_RESOURCES, READ));
                rules.add(rule(OpsgateApi.GROUP, List.of("opsjobruns"), List.of("create")));
                rules.add(rule(OpsgateApi.GROUP, OPERATOR_WRITES, List.of("create", "update", "patch", "delete")));
                rules.addAll(troubleshooting());
            }
            case VIEWER -> rules.add(rule(OpsgateApi.GROUP, OPSGATE_RESOURCES, READ));
        }
        return rules;
    }

    /** Reading the namespace's pods, their logs and events: what an owner or operator needs to see a job fail. */
    private static List<PolicyRule> troubleshooting() {
        return List.of(
                rule("", List.of("pods", "pods/log", "events"), READ),
                rule("events.k8s.io", List.of("events"), READ));
    }

    /**
     * What a workload may do with the Kubernetes API of its own namespace: ingest creates OpsJobRuns when a
     * rule triggers an OpsJob (and watches them to alert on failures) and writes its monitors' status and its
     * AlertRules' match counts (merge patches: no read needed);
     * notify needs nothing. The operator holds each of these rules itself (RbacTest).
     */
    public static List<PolicyRule> workloadRules(Workload workload) {
        if (workload != Workload.INGEST) {
            return List.of();
        }
        return List.of(
                rule(OpsgateApi.GROUP, List.of("opsjobruns"), List.of("get", "list", "watch", "create")),
                rule(OpsgateApi.GROUP, List.of("monitors/status"), List.of("patch")),
                rule(OpsgateApi.GROUP, List.of("alertrules/status"), List.of("patch")));
    }

    public static Role workloadRole(DesiredTenant d, Workload workload) {
        return new RoleBuilder()
                .withMetadata(d.meta(workload.objectName(), "rbac"))
                .withRules(workloadRules(workload))
                .build();
    }

    public static RoleBinding workloadRoleBinding(DesiredTenant d, Workload workload) {
        return new RoleBindingBuilder()
                .withMetadata(d.meta(workload.objectName(), "rbac"))
                .withNewRoleRef().withApiGroup(RBAC_GROUP).withKind("Role").withName(workload.objectName()).endRoleRef()
                .withSubjects(new SubjectBuilder().withKind("ServiceAccount").withName(workload.objectName())
                        .withNamespace(d.namespace()).build())
                .build();
    }

    public static RoleBinding roleBinding(DesiredTenant d, TenantRole which) {
        List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects = new ArrayList<>();
        for (Subject s : which.subjects(d.spec())) {
            SubjectBuilder b = new SubjectBuilder().withKind(s.kind.name()).withName(s.name);
            if (s.kind == Subject.SubjectKind.ServiceAccount) {
                b.withNamespace(s.namespace);
            } else {
                b.withApiGroup(RBAC_GROUP);
            }
            subjects.add(b.build());
        }
        return new RoleBindingBuilder()
                .withMetadata(d.meta(which.objectName(), "rbac"))
                .withNewRoleRef().withApiGroup(RBAC_GROUP).withKind("Role").withName(which.objectName()).endRoleRef()
                .withSubjects(subjects)
                .build();
    }

    private static PolicyRule rule(String group, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(verbs).build();
    }
}
