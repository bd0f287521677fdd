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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least privilege (issue 13, finding 4): cluster-wide, the operator holds only what cluster scope alone
 * can give; what it does inside a tenant namespace comes from a ClusterRole it binds there by name, one
 * RoleBinding per namespace; nothing in the chart reads Secrets or runs Jobs cluster-wide.
 */
class RbacTest {

    /** The ClusterRole the operator binds in each tenant namespace (operator: TenantNamespaceAccess). */
    static final String TENANT_ROLE = "opsgate-operator-tenant";
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
    void nothingClusterWideTouchesSecretsJobsOrWorkloads() {
        for (ClusterRole role : clusterWide()) {
            for (PolicyRule r : role.getRules()) {
                assertThat(r.getResources()).as("%s: %s", role.getMetadata().getName(), r)
                        .doesNotContain("secrets", "jobs", "cronjobs", "configmaps", "pods", "pods/log", "pods/exec",
                                "deployments", "services", "serviceaccounts", "roles", "networkpolicies",
                                "persistentvolumeclaims");
            }
        }
    }

    @Test
    void clusterWideTheOperatorHoldsOnlyWhatClusterScopeCanGive() {
        ClusterRole operator = m.one(ClusterRole.class, "opsgate-operator");
        assertThat(clusterWide()).contains(operator);
        Map<String, Set<String>> grants = grants(operator);
        Map<String, Set<String>> expected = new TreeMap<>();
        expected.put("opsgate.io/tenants", Set.of("get", "list", "watch", "patch", "update"));
        expected.put("opsgate.io/tenants/status", Set.of("get", "patch", "update"));
        expected.put("opsgate.io/tenants/finalizers", Set.of("update"));
        for (String kind : Crds.plurals()) {
            if (!kind.equals("tenants")) {
                expected.put("opsgate.io/" + kind, Set.of("get", "list", "watch"));
                expected.put("opsgate.io/" + kind + "/status", Set.of("get", "patch", "update"));
            }
        }
        // a namespace is created cluster-wide; changing or deleting it comes with the binding inside it
        expected.put("/namespaces", Set.of("get", "list", "watch", "create"));
        // the first RoleBinding of a new namespace, which may only name TENANT_ROLE (bind, below)
        expected.put("rbac.authorization.k8s.io/rolebindings", Set.of("create"));
        expected.put("rbac.authorization.k8s.io/clusterroles", Set.of("bind"));
        // whether the Gateway API and the Prometheus Operator are installed: two CRDs by name (below)
        expected.put("apiextensions.k8s.io/customresourcedefinitions", Set.of("get"));
        assertThat(grants).isEqualTo(expected);
        assertThat(operator.getRules()).filteredOn(r -> r.getResources().contains("customresourcedefinitions")).singleElement()
                .satisfies(r -> assertThat(r.getResourceNames()).containsExactlyInAnyOrder(
                        "tlsroutes.gateway.networking.k8s.io", "prometheuses.monitoring.coreos.com"));
        assertThat(operator.getRules()).filteredOn(r -> r.getResources().contains("clusterroles")).singleElement()
                .satisfies(r -> {
                    assertThat(r.getVerbs()).containsExactly("bind");
                    assertThat(r.getResourceNames()).containsExactly(TENANT_ROLE);
                });
    }

    @Test
    void theTenantRoleIsBoundByNoClusterRoleBindingButHoldsEveryPermissionTheOperatorGrantsTenants() {
        ClusterRole tenantRole = m.one(ClusterRole.class, TENANT_ROLE);
        assertThat(m.all(ClusterRoleBinding.class)).noneMatch(b -> b.getRoleRef().getName().equals(TENANT_ROLE));
        Map<String, List<PolicyRule>> grants = new LinkedHashMap<>();
        for (TenantRole role : TenantRole.values()) {
            grants.put(role.name(), TenantRbacBuilder.rules(role));
        }
        for (Workload workload : Workload.values()) {
            grants.put(workload.objectName(), TenantRbacBuilder.workloadRules(workload));
        }
        for (Map.Entry<String, List<PolicyRule>> e : grants.entrySet()) {
            for (PolicyRule granted : e.getValue()) {
                for (String group : granted.getApiGroups()) {
                    for (String resource : granted.getResources()) {
                        for (String verb : granted.getVerbs()) {
                            assertThat(tenantRole.getRules())
                                    .as("%s grants %s %s/%s", e.getKey(), verb, group, resource)
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
    void inATenantNamespaceTheOperatorMayBuildEverythingItOwnsThere() {
        Map<String, Set<String>> grants = grants(m.one(ClusterRole.class, TENANT_ROLE));
        Set<String> crud = Set.of("get", "list", "watch", "create", "update", "patch", "delete");
        for (String owned : List.of("/secrets", "/configmaps", "/services", "/serviceaccounts", "/persistentvolumeclaims",
                "/resourcequotas", "/limitranges", "networking.k8s.io/networkpolicies", "apps/deployments",
                "batch/jobs", "batch/cronjobs", "rbac.authorization.k8s.io/roles",
                "rbac.authorization.k8s.io/rolebindings")) {
            assertThat(grants.get(owned)).as(owned).containsAll(crud);
        }
        // the namespace object itself: its labels (Pod Security, adoption) and its deletion on purge
        assertThat(grants.get("/namespaces")).containsExactlyInAnyOrder("get", "update", "patch", "delete");
        assertThat(grants.get("events.k8s.io/events")).contains("create", "patch");
        assertThat(grants.get("/pods")).containsExactlyInAnyOrder("get", "list", "watch");
        assertThat(grants.get("/pods/log")).containsExactlyInAnyOrder("get", "list", "watch");
        assertThat(grants).doesNotContainKeys("/pods/exec", "/pods/attach", "/pods/portforward", "/serviceaccounts/token");
    }

    @Test
    void nothingMayEscalateOrImpersonateAndBindOnlyTheTenantRoleByName() {
        for (PolicyRule r : allRules()) {
            assertThat(r.getVerbs()).as(r.toString()).doesNotContain("escalate", "impersonate");
            if (r.getVerbs().contains("bind")) {
                assertThat(r.getResources()).containsExactly("clusterroles");
                assertThat(r.getResourceNames()).containsExactly(TENANT_ROLE);
            }
        }
    }

    @Test
    void noRoleMayChangeClusterRbacOrReachNodesTokensOrShells() {
        for (ClusterRole role : m.all(ClusterRole.class)) {
            for (PolicyRule r : role.getRules()) {
                if (r.getApiGroups().contains("rbac.authorization.k8s.io") && r.getResources().contains("clusterroles")) {
                    assertThat(r.getVerbs()).as(role.getMetadata().getName()).containsExactly("bind");
                }
                assertThat(r.getResources()).as(role.getMetadata().getName())
                        .doesNotContain("clusterrolebindings", "pods/exec", "pods/attach", "serviceaccounts/token",
                                "nodes", "certificatesigningrequests", "validatingadmissionpolicies",
                                "validatingadmissionpolicybindings");
            }
        }
    }

    @Test
    void theWebhookReadsOpsgateKindsOnlyAndNoSecret() {
        ClusterRole webhook = m.one(ClusterRole.class, "opsgate-webhook");
        assertThat(webhook.getRules()).allSatisfy(r -> {
            assertThat(r.getApiGroups()).containsExactly("opsgate.io");
            assertThat(r.getVerbs()).isSubsetOf("get", "list");
        });
    }

    @Test
    void leasesOnlyInItsOwnNamespaceAndEventsOfTenantsInDefault() {
        Role leases = m.one(Role.class, "opsgate-operator-leader-election");
        assertThat(leases.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
        assertThat(leases.getRules()).singleElement().satisfies(r -> {
            assertThat(r.getResources()).containsExactly("leases");
            assertThat(r.getVerbs()).contains("get", "create", "update");
        });
        RoleBinding binding = m.one(RoleBinding.class, "opsgate-operator-leader-election");
        assertThat(binding.getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo("opsgate-operator"));

        // Tenants are cluster-scoped: their Events go to namespace default, as the kubelet's do for Nodes
        Role events = m.one(Role.class, "opsgate-operator-events");
        assertThat(events.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(events.getRules()).singleElement().satisfies(r -> {
            assertThat(r.getApiGroups()).containsExactly("events.k8s.io");
            assertThat(r.getResources()).containsExactly("events");
            assertThat(r.getVerbs()).containsExactlyInAnyOrder("create", "patch");
        });
        assertThat(m.one(RoleBinding.class, "opsgate-operator-events").getMetadata().getNamespace()).isEqualTo("default");

        ClusterRoleBinding crb = m.one(ClusterRoleBinding.class, "opsgate-operator");
        assertThat(crb.getRoleRef().getName()).isEqualTo("opsgate-operator");
        assertThat(crb.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo("opsgate-operator");
            assertThat(s.getNamespace()).isEqualTo(Chart.NAMESPACE);
        });
    }

    /** The ClusterRoles some ClusterRoleBinding grants everywhere. */
    private List<ClusterRole> clusterWide() {
        Set<String> bound = new TreeSet<>();
        m.all(ClusterRoleBinding.class).forEach(b -> bound.add(b.getRoleRef().getName()));
        return m.all(ClusterRole.class).stream().filter(r -> bound.contains(r.getMetadata().getName())).toList();
    }

    private static Map<String, Set<String>> grants(ClusterRole role) {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (PolicyRule r : role.getRules()) {
            for (String g : r.getApiGroups()) {
                for (String res : r.getResources()) {
                    grants.computeIfAbsent(g + "/" + res, k -> new TreeSet<>()).addAll(r.getVerbs());
                }
            }
        }
        return grants;
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
