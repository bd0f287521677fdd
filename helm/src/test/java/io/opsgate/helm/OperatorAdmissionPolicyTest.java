package io.opsgate.helm;

import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's ValidatingAdmissionPolicy that keeps the operator's ServiceAccount inside namespaces
 * labelled as opsgate tenant namespaces (issue 13, finding 4). There is no API server here, so its CEL
 * expressions are evaluated with cel-java against admission requests built the way the API server
 * describes them (request, object, oldObject, namespaceObject). This proves what the expressions decide;
 * that the API server selects the operator's requests with them and enforces the verdict is a cluster's
 * to prove (the K3s suite, OperatorRbacE2E).
 */
class OperatorAdmissionPolicyTest {

    static final String POLICY = "opsgate-operator-tenant-namespaces";
    static final String OPERATOR = "system:serviceaccount:" + Chart.NAMESPACE + ":opsgate-operator";
    static final Map<String, Object> TENANT_NS = namespace("opsgate-acme", Map.of("opsgate.io/tenant", "acme",
            "app.kubernetes.io/managed-by", "opsgate-operator"));
    static final Map<String, Object> PLATFORM_LABELLED_NS = namespace("payments", Map.of("opsgate.io/tenant", "acme"));
    static final Map<String, Object> KUBE_SYSTEM = namespace("kube-system", Map.of("kubernetes.io/metadata.name", "kube-system"));
    static final Map<String, Object> BARE_NS = namespace("team-b", null);

    private static final CelCompiler CEL = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("request", SimpleType.DYN)
            .addVar("object", SimpleType.DYN)
            .addVar("oldObject", SimpleType.DYN)
            .addVar("namespaceObject", SimpleType.DYN)
            .addVar("params", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final Manifests m = Manifests.cached(Chart.Values.DEFAULTS);

    @Test
    void thePolicyIsV1FailsClosedAndItsBindingDenies() {
        ValidatingAdmissionPolicy policy = m.one(ValidatingAdmissionPolicy.class, POLICY);
        assertThat(policy.getApiVersion()).isEqualTo("admissionregistration.k8s.io/v1");
        assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");
        NamedRuleWithOperations rule = policy.getSpec().getMatchConstraints().getResourceRules().get(0);
        assertThat(policy.getSpec().getMatchConstraints().getResourceRules()).hasSize(1);
        assertThat(rule.getOperations()).containsExactlyInAnyOrder("CREATE", "UPDATE", "DELETE");
        assertThat(rule.getApiGroups()).containsExactly("*");
        assertThat(rule.getResources()).containsExactlyInAnyOrder("*", "*/*");
        assertThat(rule.getScope()).isEqualTo("*");
        ValidatingAdmissionPolicyBinding binding = m.one(ValidatingAdmissionPolicyBinding.class, POLICY);
        assertThat(binding.getSpec().getPolicyName()).isEqualTo(POLICY);
        assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
    }

    @Test
    void itAppliesToTheOperatorsServiceAccountOnly() {
        assertThat(matches(request("CREATE", "", "secrets", "", "kube-system", OPERATOR))).isTrue();
        assertThat(matches(request("CREATE", "", "secrets", "", "kube-system",
                "system:serviceaccount:" + Chart.NAMESPACE + ":opsgate-webhook"))).isFalse();
        assertThat(matches(request("CREATE", "", "secrets", "", "kube-system", "kubernetes-admin"))).isFalse();
    }

    @Test
    void insideATenantNamespaceTheOperatorWritesWhatItBuilds() {
        for (String op : List.of("CREATE", "UPDATE", "DELETE")) {
            assertThat(admits(op, "", "secrets", "", TENANT_NS)).as(op + " secret").isTrue();
            assertThat(admits(op, "apps", "deployments", "", TENANT_NS)).as(op + " deployment").isTrue();
            assertThat(admits(op, "batch", "jobs", "", TENANT_NS)).as(op + " job").isTrue();
            assertThat(admits(op, "rbac.authorization.k8s.io", "rolebindings", "", TENANT_NS)).as(op + " binding").isTrue();
            assertThat(admits(op, "networking.k8s.io", "networkpolicies", "", PLATFORM_LABELLED_NS)).as(op).isTrue();
        }
        assertThat(admits("UPDATE", "apps", "deployments", "scale", TENANT_NS)).isTrue();
    }

    @Test
    void outsideTenantNamespacesItWritesNothingNamespaced() {
        for (Map<String, Object> ns : List.of(KUBE_SYSTEM, BARE_NS)) {
            for (String op : List.of("CREATE", "UPDATE", "DELETE")) {
                assertThat(admits(op, "", "secrets", "", ns)).as(op + " secret in " + name(ns)).isFalse();
                assertThat(admits(op, "batch", "jobs", "", ns)).as(op + " job in " + name(ns)).isFalse();
                assertThat(admits(op, "rbac.authorization.k8s.io", "rolebindings", "", ns)).as(op + " binding").isFalse();
                assertThat(admits(op, "apps", "deployments", "", ns)).as(op + " deployment").isFalse();
                assertThat(admits(op, "", "configmaps", "", ns)).as(op + " configmap").isFalse();
            }
            assertThat(admits("CREATE", "", "pods", "eviction", ns)).isFalse();
            assertThat(admits("CREATE", "events.k8s.io", "events", "", ns)).as("events only in default").isFalse();
            assertThat(admits("UPDATE", "coordination.k8s.io", "leases", "", ns)).isFalse();
        }
    }

    @Test
    void itsOwnLeaseTheTenantsEventsAndOpsgateStatusAreTheExceptions() {
        Map<String, Object> releaseNs = namespace(Chart.NAMESPACE, null);
        assertThat(admits("UPDATE", "coordination.k8s.io", "leases", "", releaseNs)).isTrue();
        assertThat(admits("CREATE", "", "secrets", "", releaseNs)).isFalse();
        Map<String, Object> defaultNs = namespace("default", null);
        assertThat(admits("CREATE", "events.k8s.io", "events", "", defaultNs)).isTrue();
        assertThat(admits("CREATE", "", "configmaps", "", defaultNs)).isFalse();
        // the status of an opsgate object outside a tenant namespace says no Tenant claims it
        assertThat(admits("UPDATE", "opsgate.io", "alertrules", "status", BARE_NS)).isTrue();
        assertThat(admits("UPDATE", "opsgate.io", "alertrules", "", BARE_NS)).isFalse();
        // Tenants, their status and finalizers are cluster-scoped
        Map<String, Object> tenantUpdate = request("UPDATE", "opsgate.io", "tenants", "status", "", OPERATOR);
        assertThat(allows(tenantUpdate, Map.of(), Map.of(), null)).isTrue();
    }

    @Test
    void aNamespaceItCreatesIsATenantNamespaceAndItTakesOverNoOther() {
        Map<String, Object> labelled = namespace("opsgate-new",
                Map.of("opsgate.io/tenant", "new", "app.kubernetes.io/managed-by", "opsgate-operator"));
        assertThat(namespaceChange("CREATE", null, labelled)).isTrue();
        assertThat(namespaceChange("CREATE", null, namespace("sneaky", null))).isFalse();
        assertThat(namespaceChange("CREATE", null, namespace("half", Map.of("opsgate.io/tenant", "x")))).isFalse();

        assertThat(namespaceChange("UPDATE", TENANT_NS, withLabel(TENANT_NS, "pod-security.kubernetes.io/enforce", "restricted")))
                .as("Pod Security labels put back").isTrue();
        assertThat(namespaceChange("UPDATE", PLATFORM_LABELLED_NS,
                withLabel(PLATFORM_LABELLED_NS, "app.kubernetes.io/managed-by", "opsgate-operator")))
                .as("adopting a namespace the platform labelled for this tenant").isTrue();
        assertThat(namespaceChange("UPDATE", KUBE_SYSTEM, withLabel(KUBE_SYSTEM, "opsgate.io/tenant", "acme")))
                .as("labelling an existing namespace to make it a tenant's").isFalse();
        assertThat(namespaceChange("UPDATE", TENANT_NS, withLabel(TENANT_NS, "opsgate.io/tenant", "other")))
                .as("handing a tenant's namespace to another tenant").isFalse();
        assertThat(namespaceChange("UPDATE", BARE_NS, BARE_NS)).isFalse();

        assertThat(namespaceChange("DELETE", TENANT_NS, null)).isTrue();
        assertThat(namespaceChange("DELETE", KUBE_SYSTEM, null)).isFalse();
        assertThat(namespaceChange("DELETE", BARE_NS, null)).isFalse();
    }

    private boolean admits(String operation, String group, String resource, String subResource, Map<String, Object> ns) {
        Map<String, Object> req = request(operation, group, resource, subResource, name(ns), OPERATOR);
        Map<String, Object> object = operation.equals("DELETE") ? null : Map.of("metadata", Map.of("name", "x"));
        Map<String, Object> old = operation.equals("CREATE") ? null : Map.of("metadata", Map.of("name", "x"));
        return allows(req, object, old, ns);
    }

    private boolean namespaceChange(String operation, Map<String, Object> old, Map<String, Object> object) {
        Map<String, Object> ns = object != null ? object : old;
        // Namespace requests are cluster-scoped: namespaceObject is null for them
        return allows(request(operation, "", "namespaces", "", name(ns), OPERATOR), object, old, null);
    }

    /** The policy's verdict: every validation true; an error denies, as failurePolicy Fail does. */
    private boolean allows(Map<String, Object> request, Map<String, Object> object, Map<String, Object> old,
                           Map<String, Object> namespaceObject) {
        assertThat(matches(request)).as("the policy applies to %s", request).isTrue();
        ValidatingAdmissionPolicy policy = m.one(ValidatingAdmissionPolicy.class, POLICY);
        Map<String, Object> vars = vars(request, object, old, namespaceObject);
        for (Validation v : policy.getSpec().getValidations()) {
            assertThat(v.getMessage()).as(v.getExpression()).isNotBlank();
            if (!Boolean.TRUE.equals(eval(v.getExpression(), vars))) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(Map<String, Object> request) {
        ValidatingAdmissionPolicy policy = m.one(ValidatingAdmissionPolicy.class, POLICY);
        Map<String, Object> vars = vars(request, null, null, null);
        for (MatchCondition c : policy.getSpec().getMatchConditions()) {
            if (!Boolean.TRUE.equals(eval(c.getExpression(), vars))) {
                return false;
            }
        }
        return true;
    }

    private static Object eval(String expression, Map<String, Object> vars) {
        try {
            return RUNTIME.createProgram(CEL.compile(expression).getAst()).eval(vars);
        } catch (CelEvaluationException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("does not compile: " + expression, e);
        }
    }

    private static Map<String, Object> vars(Map<String, Object> request, Map<String, Object> object,
                                            Map<String, Object> old, Map<String, Object> namespaceObject) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("request", request);
        vars.put("object", object == null ? com.google.protobuf.NullValue.NULL_VALUE : object);
        vars.put("oldObject", old == null ? com.google.protobuf.NullValue.NULL_VALUE : old);
        vars.put("namespaceObject", namespaceObject == null ? com.google.protobuf.NullValue.NULL_VALUE : namespaceObject);
        vars.put("params", com.google.protobuf.NullValue.NULL_VALUE);
        return vars;
    }

    static Map<String, Object> request(String operation, String group, String resource, String subResource,
                                       String namespace, String user) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("operation", operation);
        r.put("namespace", namespace);
        r.put("resource", Map.of("group", group, "version", "v1", "resource", resource));
        r.put("subResource", subResource);
        r.put("userInfo", Map.of("username", user));
        return r;
    }

    static Map<String, Object> namespace(String name, Map<String, String> labels) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", name);
        if (labels != null) {
            meta.put("labels", labels);
        }
        return Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", meta);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> withLabel(Map<String, Object> ns, String key, String value) {
        Map<String, Object> meta = (Map<String, Object>) ns.get("metadata");
        Map<String, String> labels = new LinkedHashMap<>();
        if (meta.get("labels") != null) {
            labels.putAll((Map<String, String>) meta.get("labels"));
        }
        labels.put(key, value);
        return namespace((String) meta.get("name"), labels);
    }

    @SuppressWarnings("unchecked")
    static String name(Map<String, Object> ns) {
        return (String) ((Map<String, Object>) ns.get("metadata")).get("name");
    }
}
