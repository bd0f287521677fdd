package io.opsgate.helm;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Least privilege: no wildcard, and bind/escalate only on the tenant ClusterRoles, by name. */
class RbacTest {

    private static final Set<String> TENANT_ROLES = Set.of("opsgate-tenant-owner", "opsgate-tenant-operator",
            "opsgate-tenant-viewer");
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
    void bindAndEscalateOnlyOnTheTenantClusterRolesByName() {
        List<PolicyRule> privileged = allRules().stream()
                .filter(r -> r.getVerbs().contains("bind") || r.getVerbs().contains("escalate")
                        || r.getVerbs().contains("impersonate"))
                .toList();
        assertThat(privileged).hasSize(1);
        PolicyRule rule = privileged.get(0);
        assertThat(rule.getVerbs()).containsExactlyInAnyOrder("bind", "escalate");
        assertThat(rule.getApiGroups()).containsExactly("rbac.authorization.k8s.io");
        assertThat(rule.getResources()).containsExactly("clusterroles");
        assertThat(rule.getResourceNames()).containsExactlyInAnyOrderElementsOf(TENANT_ROLES);
        assertThat(m.all(ClusterRole.class)).extracting(r -> r.getMetadata().getName()).containsAll(TENANT_ROLES);
    }

    @Test
    void noRoleMayChangeRbacOutsideTenantNamespacesOrReadOtherCredentials() {
        for (ClusterRole role : m.all(ClusterRole.class)) {
            for (PolicyRule r : role.getRules()) {
                if (r.getApiGroups().contains("rbac.authorization.k8s.io")) {
                    assertThat(r.getResources()).as(role.getMetadata().getName())
                            .doesNotContain("clusterrolebindings");
                    if (r.getResources().contains("clusterroles")) {
                        assertThat(r.getVerbs()).as(role.getMetadata().getName()).containsOnly("bind", "escalate");
                    }
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
        assertThat(grants.get("/events")).containsExactlyInAnyOrder("create", "patch");
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
