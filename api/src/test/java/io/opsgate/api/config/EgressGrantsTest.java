package io.opsgate.api.config;

import io.opsgate.api.v1alpha1.EgressRule;
import io.opsgate.api.validation.ValidationResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EgressGrantsTest {

    static final EgressRule SSH_NET = new EgressRule("192.0.2.0/24", List.of(22, 443));
    static final EgressRule ANY_PORT = new EgressRule("198.51.100.0/24", List.of());

    @Test
    void aNarrowerBlockOnGrantedPortsIsGranted() {
        assertThat(problems(new EgressRule("192.0.2.10/32", List.of(22)))).isEmpty();
        assertThat(problems(new EgressRule("198.51.100.128/25", List.of()))).as("all ports where all are granted").isEmpty();
    }

    @Test
    void aWiderBlockAnotherBlockOrMorePortsAreNotGranted() {
        assertThat(problems(new EgressRule("192.0.2.0/23", List.of(22)))).containsExactly("spec.egress[0]:EgressNotGranted");
        assertThat(problems(new EgressRule("203.0.113.5/32", List.of(22)))).containsExactly("spec.egress[0]:EgressNotGranted");
        assertThat(problems(new EgressRule("192.0.2.10/32", List.of(22, 3389)))).containsExactly("spec.egress[0]:EgressNotGranted");
        assertThat(problems(new EgressRule("192.0.2.10/32", List.of()))).as("all ports where two are granted")
                .containsExactly("spec.egress[0]:EgressNotGranted");
    }

    @Test
    void aBlockOverlappingAGrantsExceptionIsNotGranted() {
        EgressRule grant = new EgressRule("10.0.0.0/8", List.of());
        grant.except = List.of("10.96.0.0/12");
        ValidationResult r = ValidationResult.ok();
        EgressGrants.check(List.of(new EgressRule("10.96.0.1/32", List.of(443)), new EgressRule("10.0.0.0/8", List.of()),
                new EgressRule("10.1.2.3/32", List.of())), List.of(grant), r);
        assertThat(r.errors()).extracting(e -> e.path()).containsExactly("spec.egress[0]", "spec.egress[1]");
    }

    private static List<String> problems(EgressRule asked) {
        ValidationResult r = ValidationResult.ok();
        EgressGrants.check(List.of(asked), List.of(SSH_NET, ANY_PORT), r);
        return r.errors().stream().map(e -> e.path() + ":" + e.reason()).toList();
    }
}
