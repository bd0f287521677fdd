package io.opsgate.operator.security;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.opsgate.operator.common.Labels;
import io.opsgate.operator.tenant.dependent.TenantDependentResource;
import io.opsgate.operator.tenant.model.DesiredTenant;
import io.opsgate.operator.tenant.model.Workload;

import java.util.List;
import java.util.Map;

/**
 * Lets the operator's pods, and only them, reach a workload's internal API (the purge, notices and
 * security evidence): NetworkPolicy {@code opsgate-operator-<workload>} admits pods labelled
 * app.kubernetes.io/name=opsgate, app.kubernetes.io/component=operator from the operator's namespace
 * to the workload's HTTPS port. Matched exactly, like every tenant NetworkPolicy.
 */
public final class OperatorAccessPolicy extends TenantDependentResource<NetworkPolicy> {

    public OperatorAccessPolicy(Workload workload, String operatorNamespace) {
        super(NetworkPolicy.class, objectName(workload), d -> build(d, workload, operatorNamespace), true);
    }

    public static String objectName(Workload workload) {
        return "opsgate-operator-" + workload.component();
    }

    /**
     * @param operatorNamespace the operator's namespace (POD_NAMESPACE); empty when unknown (a local run),
     *                          then operator pods of any namespace
     */
    public static NetworkPolicy build(DesiredTenant d, Workload workload, String operatorNamespace) {
        NetworkPolicyPeerBuilder peer = new NetworkPolicyPeerBuilder()
                .withPodSelector(new LabelSelectorBuilder()
                        .withMatchLabels(Map.of(Labels.NAME, Labels.APP, Labels.COMPONENT, "operator")).build());
        peer.withNamespaceSelector(operatorNamespace == null || operatorNamespace.isEmpty() ? new LabelSelector()
                : new LabelSelectorBuilder().withMatchExpressions(new LabelSelectorRequirementBuilder()
                        .withKey("kubernetes.io/metadata.name").withOperator("In").withValues(operatorNamespace).build())
                .build());
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(objectName(workload))
                .withNamespace(d.namespace())
                .withLabels(Labels.of(d.tenantName(), "network-policy"))
                .endMetadata()
                .withNewSpec()
                .withPodSelector(new LabelSelectorBuilder()
                        .withMatchLabels(Labels.selector(d.tenantName(), workload.component())).build())
                .withPolicyTypes("Ingress")
                .withIngress(new NetworkPolicyIngressRuleBuilder()
                        .withFrom(peer.build())
                        .withPorts(new NetworkPolicyPortBuilder().withProtocol("TCP")
                                .withPort(new IntOrString(workload.httpPort())).build())
                        .build())
                .withEgress(List.of())
                .endSpec()
                .build();
    }
}
