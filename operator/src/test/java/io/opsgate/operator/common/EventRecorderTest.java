package io.opsgate.operator.common;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.Tenant;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class EventRecorderTest {

    final EventRecorder recorder = new EventRecorder(null, "op-0",
            Clock.fixed(Instant.parse("2026-03-01T10:00:00.123456Z"), ZoneOffset.UTC));

    @Test
    void eventsAboutTenantsGoToDefaultAndReferToTheTenant() {
        Tenant t = new Tenant();
        t.setMetadata(new ObjectMetaBuilder().withName("acme").withUid("u-1").build());
        Event e = recorder.build(t, EventRecorder.WARNING, "Restored", "Reconcile", "Restored NetworkPolicy x");
        assertThat(e.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(e.getMetadata().getName()).startsWith("acme.");
        assertThat(e.getRegarding().getKind()).isEqualTo("Tenant");
        assertThat(e.getRegarding().getApiVersion()).isEqualTo("opsgate.io/v1alpha1");
        assertThat(e.getRegarding().getName()).isEqualTo("acme");
        assertThat(e.getRegarding().getUid()).isEqualTo("u-1");
        assertThat(e.getType()).isEqualTo("Warning");
        assertThat(e.getReason()).isEqualTo("Restored");
        assertThat(e.getAction()).isEqualTo("Reconcile");
        assertThat(e.getReportingController()).isEqualTo("opsgate.io/operator");
        assertThat(e.getReportingInstance()).isEqualTo("op-0");
        assertThat(e.getEventTime().getTime()).isEqualTo("2026-03-01T10:00:00.123456Z");
    }

    @Test
    void eventsAboutNamespacedObjectsStayInTheirNamespaceAndNotesAreCapped() {
        AlertRule r = new AlertRule();
        r.setMetadata(new ObjectMetaBuilder().withName("bad").withNamespace("opsgate-acme").build());
        Event e = recorder.build(r, EventRecorder.WARNING, "InvalidMatcher", "Validate", "x".repeat(5000));
        assertThat(e.getMetadata().getNamespace()).isEqualTo("opsgate-acme");
        assertThat(e.getRegarding().getNamespace()).isEqualTo("opsgate-acme");
        assertThat(e.getNote()).hasSize(1000).endsWith("...");
        assertThat(recorder.build(r, "Normal", "A", "B", "c").getMetadata().getName())
                .as("unique names").isNotEqualTo(e.getMetadata().getName());
    }
}
