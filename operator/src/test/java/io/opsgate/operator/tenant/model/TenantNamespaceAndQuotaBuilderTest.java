package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.opsgate.api.common.ResourceList;
import io.opsgate.api.v1alpha1.ContainerDefaults;
import io.opsgate.api.v1alpha1.QuotaSpec;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Desired;
import io.opsgate.operator.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TenantNamespaceAndQuotaBuilderTest {

    @Test
    void namespaceEnforcesWarnsAndAuditsTheRestrictedProfile() {
        Namespace ns = TenantNamespaceBuilder.build(Desired.acme());
        assertThat(ns.getMetadata().getName()).isEqualTo("opsgate-acme");
        assertThat(ns.getMetadata().getLabels()).containsAllEntriesOf(Map.of(
                "pod-security.kubernetes.io/enforce", "restricted",
                "pod-security.kubernetes.io/enforce-version", "latest",
                "pod-security.kubernetes.io/warn", "restricted",
                "pod-security.kubernetes.io/warn-version", "latest",
                "pod-security.kubernetes.io/audit", "restricted",
                "pod-security.kubernetes.io/audit-version", "latest",
                "opsgate.io/tenant", "acme",
                "app.kubernetes.io/managed-by", "opsgate-operator"));
    }

    @Test
    void namespaceFollowsSpecNamespace() {
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().namespace = "customer-acme";
        assertThat(TenantNamespaceBuilder.build(Desired.of(t, List.of())).getMetadata().getName()).isEqualTo("customer-acme");
    }

    @Test
    void quotaCapsRequestsAndLimitsAlikeWithTheDefaults() {
        ResourceQuota q = TenantQuotaBuilder.quota(Desired.acme());
        assertThat(q.getMetadata().getName()).isEqualTo("opsgate-quota");
        assertThat(q.getSpec().getHard()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "requests.cpu", new Quantity("4"), "limits.cpu", new Quantity("4"),
                "requests.memory", new Quantity("8Gi"), "limits.memory", new Quantity("8Gi"),
                "pods", new Quantity("20"), "requests.storage", new Quantity("20Gi")));
    }

    @Test
    void quotaTakesTheSpecsValues() {
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().quota = new QuotaSpec();
        t.getSpec().quota.cpu = "500m";
        t.getSpec().quota.memory = "2Gi";
        t.getSpec().quota.pods = 7;
        t.getSpec().quota.storage = "1Ti";
        ResourceQuota q = TenantQuotaBuilder.quota(Desired.of(t, List.of()));
        assertThat(q.getSpec().getHard()).containsEntry("requests.cpu", new Quantity("500m"))
                .containsEntry("limits.memory", new Quantity("2Gi")).containsEntry("pods", new Quantity("7"))
                .containsEntry("requests.storage", new Quantity("1Ti"));
    }

    @Test
    void limitRangeGivesContainersTheSpecsDefaults() {
        Tenant t = Fixtures.tenant("acme");
        t.getSpec().containerDefaults = new ContainerDefaults();
        t.getSpec().containerDefaults.requests = new ResourceList("50m", "64Mi");
        LimitRange lr = TenantQuotaBuilder.limitRange(Desired.of(t, List.of()));
        assertThat(lr.getMetadata().getName()).isEqualTo("opsgate-limits");
        LimitRangeItem item = lr.getSpec().getLimits().get(0);
        assertThat(lr.getSpec().getLimits()).hasSize(1);
        assertThat(item.getType()).isEqualTo("Container");
        assertThat(item.getDefaultRequest()).isEqualTo(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("64Mi")));
        assertThat(item.getDefault()).isEqualTo(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("512Mi")));
        assertThat(item.getMax()).isEmpty();
    }
}
