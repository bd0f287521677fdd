package io.opsgate.operator.common;

import io.fabric8.kubernetes.api.model.Condition;
import io.opsgate.api.validation.ValidationResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectConditionsTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void validAndCompiledIsReady() {
        List<Condition> c = ObjectConditions.of(List.of(), ValidationResult.ok(), "acme", "opsgate-acme", 4L, NOW);
        assertThat(c).extracting(x -> x.getType() + "=" + x.getStatus() + "/" + x.getReason())
                .containsExactly("Ready=True/Compiled", "Reconciling=False/Valid", "Stalled=False/Valid");
        assertThat(c).allSatisfy(x -> assertThat(x.getObservedGeneration()).isEqualTo(4L));
        assertThat(c.get(0).getMessage()).contains("Tenant acme");
    }

    @Test
    void invalidIsStalledWithTheFirstReasonAndEveryFieldNamed() {
        ValidationResult r = ValidationResult.ok()
                .add("spec.matchers[0]", "InvalidMatcher", "regex does not compile")
                .add("spec.timeZone", "InvalidTimeZone", "unknown zone");
        List<Condition> c = ObjectConditions.of(List.of(), r, "acme", "opsgate-acme", 1L, NOW);
        assertThat(c).extracting(x -> x.getType() + "=" + x.getStatus() + "/" + x.getReason())
                .containsExactly("Ready=False/InvalidMatcher", "Reconciling=False/InvalidMatcher", "Stalled=True/InvalidMatcher");
        assertThat(c.get(0).getMessage()).isEqualTo("spec.matchers[0]: regex does not compile; spec.timeZone: unknown zone");
    }

    @Test
    void withoutATenantItIsNotReadyAndSaysWhy() {
        List<Condition> c = ObjectConditions.of(List.of(), ValidationResult.ok(), null, "team-x", 1L, NOW);
        assertThat(c.get(0).getStatus()).isEqualTo("False");
        assertThat(c.get(0).getReason()).isEqualTo("TenantNotFound");
        assertThat(c.get(0).getMessage()).startsWith("metadata.namespace: no Tenant uses namespace team-x");
        assertThat(c.get(2).getStatus()).isEqualTo("False");
    }
}
