package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.opsgate.operator.support.Desired;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TenantRbacBuilderTest {

    static final List<String> OPSGATE = List.of("alertrules", "monitors", "opsjobs", "opsjobruns",
            "notificationchannels", "alertsources", "oncallschedules", "contactgroups", "operationssuspensions");
    static final List<String> READ = List.of("get", "list", "watch");

    @Test
    void ownersAdministerTheOpsgateResourcesAndReadPodsLogsAndEvents() {
        Role r = TenantRbacBuilder.role(Desired.acme(), TenantRole.OWNER);
        assertThat(r.getMetadata().getName()).isEqualTo("opsgate-tenant-owner");
        assertThat(r.getRules()).containsExactly(
                rule("opsgate.io", OPSGATE, List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection")),
                rule("", List.of("pods", "pods/log", "events"), READ),
                rule("events.k8s.io", List.of("events"), READ));
    }

    @Test
    void operatorsReadStartRunsAndDeclareSuspensions() {
        Role r = TenantRbacBuilder.role(Desired.acme(), TenantRole.OPERATOR);
        assertThat(r.getRules()).containsExactly(
                rule("opsgate.io", OPSGATE, READ),
                rule("opsgate.io", List.of("opsjobruns"), List.of("create")),
                rule("opsgate.io", List.of("operationssuspensions"), List.of("create", "update", "patch", "delete")),
                rule("", List.of("pods", "pods/log", "events"), READ),
                rule("events.k8s.io", List.of("events"), READ));
    }

    @Test
    void viewersOnlyRead() {
        Role r = TenantRbacBuilder.role(Desired.acme(), TenantRole.VIEWER);
        assertThat(r.getRules()).containsExactly(rule("opsgate.io", OPSGATE, READ));
    }

    @Test
    void noRoleHasAWildcardOrTouchesSecrets() {
        for (TenantRole which : TenantRole.values()) {
            for (PolicyRule rule : TenantRbacBuilder.role(Desired.acme(), which).getRules()) {
                assertThat(rule.getVerbs()).doesNotContain("*");
                assertThat(rule.getResources()).doesNotContain("*", "secrets");
                assertThat(rule.getApiGroups()).doesNotContain("*");
                assertThat(rule.getResourceNames()).isEmpty();
            }
        }
    }

    /**
     * Issue 13, finding 3: no tenant role, and not ingest's, has another way to opsgate's Secrets: none
     * reads Secrets or ConfigMaps, opens a shell or a port in a pod, mints a token, starts a pod, Job or
     * workload of its own (which could mount any Secret), or changes RBAC. Owners start jobs only as
     * OpsJobRuns, whose credentials the operator checks; pods/log shows the logs of those jobs.
     */
    @Test
    void noRoleOffersAPathToTheSecretsOpsgateKeeps() {
        List<String> forbidden = List.of("secrets", "configmaps", "pods/exec", "pods/attach", "pods/portforward",
                "pods/proxy", "pods/ephemeralcontainers", "services/proxy", "serviceaccounts", "serviceaccounts/token",
                "jobs", "cronjobs", "deployments", "replicasets", "statefulsets", "daemonsets", "replicationcontrollers",
                "roles", "rolebindings");
        List<List<PolicyRule>> all = new java.util.ArrayList<>();
        for (TenantRole which : TenantRole.values()) {
            all.add(TenantRbacBuilder.rules(which));
        }
        for (Workload w : Workload.values()) {
            all.add(TenantRbacBuilder.workloadRules(w));
        }
        for (List<PolicyRule> rules : all) {
            for (PolicyRule rule : rules) {
                assertThat(rule.getResources()).as("%s", rule).doesNotContainAnyElementsOf(forbidden);
                if (rule.getResources().contains("pods")) {
                    assertThat(rule.getVerbs()).as("%s", rule).containsExactlyInAnyOrderElementsOf(READ);
                }
            }
        }
    }

    @Test
    void bindingsNameTheSpecsSubjectsWithTheirApiGroups() {
        RoleBinding owners = TenantRbacBuilder.roleBinding(Desired.acme(), TenantRole.OWNER);
        assertThat(owners.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(owners.getRoleRef().getName()).isEqualTo("opsgate-tenant-owner");
        assertThat(owners.getRoleRef().getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(owners.getSubjects()).containsExactly(
                new Subject("rbac.authorization.k8s.io", "Group", "acme-owners", null));
        assertThat(TenantRbacBuilder.roleBinding(Desired.acme(), TenantRole.OPERATOR).getSubjects()).containsExactly(
                new Subject("rbac.authorization.k8s.io", "User", "oncall@acme.example", null));
        assertThat(TenantRbacBuilder.roleBinding(Desired.acme(), TenantRole.VIEWER).getSubjects()).containsExactly(
                new Subject(null, "ServiceAccount", "auditor", "audit"));
    }

    @Test
    void workloadServiceAccountsGetNoToken() {
        for (Workload w : Workload.values()) {
            ServiceAccount sa = TenantRbacBuilder.serviceAccount(Desired.acme(), w);
            assertThat(sa.getMetadata().getName()).isEqualTo("opsgate-" + w.component());
            assertThat(sa.getAutomountServiceAccountToken()).isFalse();
        }
    }

    @Test
    void ingestMayCreateAndWatchRunsAndPatchMonitorAndRuleStatusInItsNamespaceOnly() {
        Role r = TenantRbacBuilder.workloadRole(Desired.acme(), Workload.INGEST);
        assertThat(r.getMetadata().getName()).isEqualTo("opsgate-ingest");
        assertThat(r.getMetadata().getNamespace()).isEqualTo("opsgate-acme");
        assertThat(r.getRules()).containsExactly(
                rule("opsgate.io", List.of("opsjobruns"), List.of("get", "list", "watch", "create")),
                rule("opsgate.io", List.of("monitors/status"), List.of("patch")),
                rule("opsgate.io", List.of("alertrules/status"), List.of("patch")));
        RoleBinding b = TenantRbacBuilder.workloadRoleBinding(Desired.acme(), Workload.INGEST);
        assertThat(b.getRoleRef().getName()).isEqualTo("opsgate-ingest");
        assertThat(b.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo("opsgate-ingest");
            assertThat(s.getNamespace()).isEqualTo("opsgate-acme");
        });
        assertThat(TenantRbacBuilder.workloadRules(Workload.NOTIFY)).isEmpty();
    }

    private static PolicyRule rule(String group, List<String> resources, List<String> verbs) {
        PolicyRule r = new PolicyRule();
        r.setApiGroups(List.of(group));
        r.setResources(resources);
        r.setVerbs(verbs);
        return r;
    }
}
