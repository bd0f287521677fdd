package io.opsgate.helm;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.opsgate.operator.tenant.model.TenantRbacBuilder;
import io.opsgate.operator.tenant.model.TenantRole;
import io.opsgate.operator.tenant.model.Workload;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Least privilege: no wildcard, no bind/escalate, and the operator holds exactly what it grants tenants. */
class RbacTest {

    private final Manifests m = Manifests.cached(Chart.Values.DEFAULTS);

    @Test
    void noRuleUsesAWildcard() {
        List<PolicyRule> rules = allRules();
        assertThat(rules).isNotEmpty();
        for (PolicyRule r : rules) {
            List<String> fields = new ArrayList<>();
            fields.addAll(nullToEmpty(r.getVerbs()));
            fields.addAll(nullToEmpty(r.getResources()));
            fields.addAll(nullToEmpty(r.getApiGroups()));
            fields.addAll(nullToEmpty(r.getResourceNames()));
            fields.addAll(nullToEmpty(r.getNonResourceURLs()));
            assertThat(fields).as(r.toString()).noneMatch(f -> f.contains("*"));
        }
    }

    @Test
    void nothingMayBindEscalateOrImpersonate() {
        // The operator grants tenants only what it holds itself, so Kubernetes' escalation check
        // passes without these verbs; nothing else needs them either.
        assertThat(allRules()).noneMatch(r -> r.getVerbs().contains("bind") || r.getVerbs().contains("escalate")
                || r.getVerbs().contains("impersonate"));
    }

    @Test
    void theOperatorHoldsEveryPermissionItGrantsTenants() {
        ClusterRole operator = m.one(ClusterRole.class, "opsgate-operator");
        Map<String, List<PolicyRule>> grants = new java.util.LinkedHashMap<>();
        for (TenantRole role : TenantRole.values()) {
            grants.put(role.name(), TenantRbacBuilder.rules(role));
        }
        for (Workload workload : Workload.values()) {
            grants.put(workload.objectName(), TenantRbacBuilder.workloadRules(workload));
        }
        for (Map.Entry<String, List<PolicyRule>> e : grants.entrySet()) {
            String role = e.getKey();
            for (PolicyRule granted : e.getValue()) {
                for (String group : granted.getApiGroups()) {
                    for (String resource : granted.getResources()) {
                        for (String verb : granted.getVerbs()) {
                            assertThat(operator.getRules())
                                    .as("%s grants %s %s/%s", role, verb, group, resource)
                                    .anySatisfy(r -> {
                                        assertThat(r.getApiGroups()).contains(group);
                                        assertThat(r.getResources()).contains(resource);
                                        assertThat(r.getVerbs()).contains(verb);
                                        assertThat(r.getResourceNames()).isNullOrEmpty();
                                    });
                        }
                    }
                }
            }
        }
    }

    @Test
    void noRoleMayChangeRbacOutsideTenantNamespacesOrReadOtherCredentials() {
        for (ClusterRole role : m.all(ClusterRole.class)) {
            for (PolicyRule r : role.getRules()) {
                if (r.getApiGroups().contains("rbac.authorization.k8s.io")) {
                    assertThat(r.getResources()).as(role.getMetadata().getName())
                            .doesNotContain("clusterrolebindings");
                    assertThat(r.getResources()).as(role.getMetadata().getName()).doesNotContain("clusterroles");
                }
                assertThat(r.getResources()).as(role.getMetadata().getName())
                        .doesNotContain("pods/exec", "pods/attach", "serviceaccounts/token", "nodes",
                                "certificatesigningrequests");
            }
        }
        ClusterRole webhook = m.one(ClusterRole.class, "opsgate-webhook");
        assertThat(webhook.getRules()).allSatisfy(r -> assertThat(r.getVerbs()).isSubsetOf("get", "list"));
    }

    @Test
    void theOperatorHoldsWhatItNeedsAndLeasesOnlyInItsNamespace() {
        ClusterRole operator = m.one(ClusterRole.class, "opsgate-operator");
        Map<String, Set<String>> grants = new java.util.TreeMap<>();
        for (PolicyRule r : operator.getRules()) {
            for (String g : r.getApiGroups()) {
                for (String res : r.getResources()) {
                    grants.computeIfAbsent(g + "/" + res, k -> new TreeSet<>()).addAll(r.getVerbs());
                }
            }
        }
        assertThat(grants.get("opsgate.io/tenants")).contains("get", "list", "watch", "patch", "update");
        assertThat(grants.get("opsgate.io/tenants/status")).contains("patch", "update");
        assertThat(grants.get("opsgate.io/tenants/finalizers")).contains("update");
        for (String kind : Crds.plurals()) {
            assertThat(grants).as(kind).containsKey("opsgate.io/" + kind);
            assertThat(grants.get("opsgate.io/" + kind + "/status")).as(kind).contains("patch", "update");
        }
        assertThat(grants.get("/namespaces")).contains("create", "delete");
        assertThat(grants.get("networking.k8s.io/networkpolicies")).contains("create", "update", "delete");
        assertThat(grants.get("/events")).contains("create", "patch");
        assertThat(grants.get("/pods")).containsExactlyInAnyOrder("get", "list", "watch");
        assertThat(grants).doesNotContainKey("coordination.k8s.io/leases");

        Role leases = m.one(Role.class, "opsgate-operator-leader-election");
        assertThat(leases.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
        assertThat(leases.getRules()).singleElement().satisfies(r -> {
            assertThat(r.getResources()).containsExactly("leases");
            assertThat(r.getVerbs()).contains("get", "create", "update");
        });
        RoleBinding binding = m.one(RoleBinding.class, "opsgate-operator-leader-election");
        assertThat(binding.getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo("opsgate-operator"));
        ClusterRoleBinding crb = m.one(ClusterRoleBinding.class, "opsgate-operator");
        assertThat(crb.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo("opsgate-operator");
            assertThat(s.getNamespace()).isEqualTo(Chart.NAMESPACE);
        });
    }

    private List<PolicyRule> allRules() {
        List<PolicyRule> rules = new ArrayList<>();
        m.all(ClusterRole.class).forEach(r -> rules.addAll(r.getRules()));
        m.all(Role.class).forEach(r -> rules.addAll(r.getRules()));
        return rules;
    }

    private static List<String> nullToEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }
}
