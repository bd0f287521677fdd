package io.opsgate.operator.jobs;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlockBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.opsgate.api.v1alpha1.EgressRule;
import io.opsgate.api.v1alpha1.OpsgateApi;
import io.opsgate.api.v1alpha1.OpsJob;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicy {@code opsjob-<name>-egress}: the pods of one OpsJob (its CronJob's and its runs' Jobs, all
 * labelled {@code opsgate.io/opsjob}) may reach what the job's {@code spec.egress} declares, and DNS; nothing
 * else, as the tenant namespace denies everything by default. Built only for valid jobs, whose egress the
 * compiler found within the Tenant's.
 */
public final class JobEgressPolicyBuilder {

    private JobEgressPolicyBuilder() {
    }

    public static String name(String job) {
        return "opsjob-" + job + "-egress";
    }

    public static NetworkPolicy build(OpsJob job) {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        for (EgressRule e : job.getSpec().egress) {
            NetworkPolicyEgressRuleBuilder rule = new NetworkPolicyEgressRuleBuilder()
                    .withTo(new NetworkPolicyPeerBuilder().withIpBlock(new IPBlockBuilder().withCidr(e.cidr)
                            .withExcept(e.except == null ? List.of() : e.except).build()).build());
            if (e.ports != null) {
                e.ports.forEach(p -> rule.addToPorts(new NetworkPolicyPortBuilder().withProtocol("TCP")
                        .withPort(new IntOrString(p)).build()));
            }
            rules.add(rule.build());
        }
        rules.add(dns());
        Map<String, String> labels = CronJobBuilder.labels(job);
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(name(job.getMetadata().getName()))
                .withNamespace(job.getMetadata().getNamespace()).withLabels(labels).endMetadata()
                .withNewSpec()
                .withPodSelector(new LabelSelectorBuilder()
                        .withMatchLabels(Map.of(OpsgateApi.OPSJOB_LABEL, job.getMetadata().getName())).build())
                .withPolicyTypes("Egress")
                .withIngress(List.of())
                .withEgress(rules)
                .endSpec()
                .build();
    }

    private static NetworkPolicyEgressRule dns() {
        return new NetworkPolicyEgressRuleBuilder()
                .withTo(new NetworkPolicyPeerBuilder()
                        .withNamespaceSelector(new LabelSelectorBuilder()
                                .withMatchLabels(Map.of("kubernetes.io/metadata.name", "kube-system")).build())
                        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("k8s-app", "kube-dns")).build())
                        .build())
                .withPorts(new NetworkPolicyPortBuilder().withProtocol("UDP").withPort(new IntOrString(53)).build(),
                        new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(53)).build())
                .build();
    }
}
