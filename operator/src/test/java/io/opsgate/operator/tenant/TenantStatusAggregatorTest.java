package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.ExcludedObject;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.TenantStatus;
import io.opsgate.operator.common.StatusComparison;
import io.opsgate.operator.support.Desired;
import io.opsgate.operator.tenant.model.Workload;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TenantStatusAggregatorTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant T1 = Instant.parse("2026-01-01T00:05:00Z");

    @Test
    void readyWhenBothWorkloadsAreAvailableWithCountsAndEndpoint() {
        CompiledConfig config = new CompiledConfig();
        config.alertRules.add(new NamedSpec<>("a", 1L, null));
        config.alertRules.add(new NamedSpec<>("b", 1L, null));
        config.excluded.add(new ExcludedObject("AlertRule", "c", "InvalidMatcher", "spec.matchers[0]: bad"));
        TenantStatus s = TenantStatusAggregator.reconciled(null, 3L, T0, Desired.acme(), config,
                List.of(available(Workload.INGEST), available(Workload.NOTIFY)));
        assertThat(s.observedGeneration).isEqualTo(3L);
        assertThat(s.namespace).isEqualTo("opsgate-acme");
        assertThat(s.ingestEndpoint).isEqualTo("https://opsgate-ingest.opsgate-acme.svc:9093");
        assertThat(s.configHash).isEqualTo("abc123");
        assertThat(s.counts.alertRules).isEqualTo(2);
        assertThat(s.counts.invalid).isEqualTo(1);
        assertThat(s.conditions).extracting(Condition::getType).containsExactly("Ready", "Reconciling", "Stalled");
        Condition ready = s.conditions.get(0);
        assertThat(ready.getStatus()).isEqualTo("True");
        assertThat(ready.getReason()).isEqualTo("Available");
        assertThat(ready.getObservedGeneration()).isEqualTo(3L);
        assertThat(ready.getMessage()).contains("1 invalid");
        assertThat(Conditions.isTrue(s.conditions, ConditionTypes.RECONCILING)).isFalse();
        assertThat(Conditions.isTrue(s.conditions, ConditionTypes.STALLED)).isFalse();
    }

    @Test
    void reconcilingWhileAWorkloadIsNotAvailableNamingIt() {
        TenantStatus s = TenantStatusAggregator.reconciled(null, 1L, T0, Desired.acme(), new CompiledConfig(),
                List.of(available(Workload.INGEST), WorkloadAvailability.of(Workload.NOTIFY, 1, null)));
        Condition ready = Conditions.find(s.conditions, ConditionTypes.READY).orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("WorkloadsUnavailable");
        assertThat(ready.getMessage()).contains("Deployment opsgate-notify: 0 of 1");
        assertThat(Conditions.isTrue(s.conditions, ConditionTypes.RECONCILING)).isTrue();
    }

    @Test
    void aDeploymentThatHasNotSeenItsLatestSpecIsNotAvailable() {
        Deployment d = deployment(1, 1);
        d.getMetadata().setGeneration(2L);
        assertThat(WorkloadAvailability.of(Workload.INGEST, 1, d).isAvailable()).isFalse();
    }

    @Test
    void stalledKeepsWhatWasReportedAndNamesTheField() {
        TenantStatus ready = TenantStatusAggregator.reconciled(null, 1L, T0, Desired.acme(), new CompiledConfig(),
                List.of(available(Workload.INGEST), available(Workload.NOTIFY)));
        TenantStatus s = TenantStatusAggregator.stalled(ready, 2L, T1, "InvalidCIDR", "spec.ingest.allowedCidrs[0]: bad");
        assertThat(s.namespace).isEqualTo("opsgate-acme");
        assertThat(s.observedGeneration).isEqualTo(2L);
        Condition stalled = Conditions.find(s.conditions, ConditionTypes.STALLED).orElseThrow();
        assertThat(stalled.getStatus()).isEqualTo("True");
        assertThat(stalled.getReason()).isEqualTo("InvalidCIDR");
        assertThat(stalled.getMessage()).startsWith("spec.ingest.allowedCidrs[0]");
        assertThat(ready.namespace).as("input unchanged").isEqualTo("opsgate-acme");
        assertThat(Conditions.find(ready.conditions, ConditionTypes.STALLED).orElseThrow().getStatus()).isEqualTo("False");
    }

    @Test
    void theSameStateLaterIsTheSameStatusSoNoPatchIsSent() {
        List<WorkloadAvailability> up = List.of(available(Workload.INGEST), available(Workload.NOTIFY));
        TenantStatus first = TenantStatusAggregator.reconciled(null, 1L, T0, Desired.acme(), new CompiledConfig(), up);
        TenantStatus again = TenantStatusAggregator.reconciled(first, 1L, T1, Desired.acme(), new CompiledConfig(), up);
        assertThat(StatusComparison.same(first, again)).isTrue();
        TenantStatus changed = TenantStatusAggregator.reconciled(first, 2L, T1, Desired.acme(), new CompiledConfig(), up);
        assertThat(StatusComparison.same(first, changed)).isFalse();
        assertThat(changed.conditions.get(0).getLastTransitionTime()).as("no transition").isEqualTo(first.conditions.get(0).getLastTransitionTime());
    }

    private static WorkloadAvailability available(Workload w) {
        return WorkloadAvailability.of(w, 1, deployment(1, 1));
    }

    private static Deployment deployment(int replicas, int available) {
        return new DeploymentBuilder().withNewMetadata().withName("x").withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withAvailableReplicas(available).withObservedGeneration(1L).endStatus().build();
    }
}
