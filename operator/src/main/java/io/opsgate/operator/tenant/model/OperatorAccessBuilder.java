package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.opsgate.operator.common.Labels;

import java.util.Objects;

/**
 * The operator's own RoleBinding in a tenant namespace: it binds the ClusterRole {@value #CLUSTER_ROLE}
 * (everything the operator builds and grants there) to the operator's ServiceAccount, in this namespace
 * only. Cluster-wide the operator holds no right on Secrets, workloads, Jobs or RBAC; it may create a
 * RoleBinding and {@code bind} this one ClusterRole by name, so every right it has inside a tenant
 * namespace comes from here (issue 13, finding 4; the chart's operator-rbac.yaml).
 */
public final class OperatorAccessBuilder {

    /** The RoleBinding, one per tenant namespace. */
    public static final String BINDING = "opsgate-operator";
    /** The ClusterRole the chart defines and binds nowhere itself. */
    public static final String CLUSTER_ROLE = "opsgate-operator-tenant";
    /** The operator's ServiceAccount (the chart's). */
    public static final String SERVICE_ACCOUNT = "opsgate-operator";

    private OperatorAccessBuilder() {
    }

    /**
     * @param operatorNamespace where the operator's ServiceAccount lives (POD_NAMESPACE)
     */
    public static RoleBinding binding(String tenant, String namespace, String operatorNamespace) {
        return new RoleBindingBuilder()
                .withNewMetadata().withName(BINDING).withNamespace(namespace)
                .withLabels(Labels.of(tenant, "operator-access")).endMetadata()
                .withNewRoleRef().withApiGroup(TenantRbacBuilder.RBAC_GROUP).withKind("ClusterRole").withName(CLUSTER_ROLE)
                .endRoleRef()
                .withSubjects(new SubjectBuilder().withKind("ServiceAccount").withName(SERVICE_ACCOUNT)
                        .withNamespace(operatorNamespace).build())
                .build();
    }

    /** Whether a live binding grants exactly what {@code desired} does (role and subjects). */
    public static boolean grantsExactly(RoleBinding live, RoleBinding desired) {
        return Objects.equals(live.getRoleRef(), desired.getRoleRef())
                && Objects.equals(live.getSubjects(), desired.getSubjects());
    }
}
