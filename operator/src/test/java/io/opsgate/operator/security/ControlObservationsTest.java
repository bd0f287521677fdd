package io.opsgate.operator.security;

import io.opsgate.api.v1alpha1.DeletionPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlObservationsTest {

    static final Instant NOW = Instant.parse("2026-11-26T04:00:00Z");

    @Test
    void eachCountLandsWhereItsNameSays() {
        ControlObservations o = ControlObservations.builder().namespace("opsgate-acme").now(NOW)
                .owners(1).operators(2).viewers(3).tokens(4).adminTokens(5).build();
        assertThat(List.of(o.owners(), o.operators(), o.viewers(), o.tokens(), o.adminTokens()))
                .containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void collectionsNotObservedAreEmptyAndObservedOnesAreCopied() {
        List<String> expired = new ArrayList<>(List.of("ci-old"));
        ControlObservations o = ControlObservations.builder().namespace("opsgate-acme").now(NOW)
                .expiredTokens(expired).build();
        expired.add("later");
        assertThat(o.expiredTokens()).containsExactly("ci-old");
        assertThat(o.networkPolicies()).isEmpty();
        assertThat(o.roles()).isEmpty();
        assertThat(o.tokensWithoutSecret()).isEmpty();
        assertThat(o.apiAllowedCidrs()).isEmpty();
    }

    @Test
    void toBuilderKeepsEveryObservationButTheOnesChanged() {
        ControlObservations o = ControlObservations.builder().namespace("opsgate-acme").now(NOW).podSecurity("restricted")
                .networkPolicies(Set.of("opsgate-default-deny")).quota(true).deletionPolicy(DeletionPolicy.Purge)
                .noticeChannel("sec-mail").auditLog("/var/log/opsgate/audit.jsonl").configHash("abc").logRetention("365d")
                .build();
        ControlObservations changed = o.toBuilder().quota(false).build();
        assertThat(changed.quota()).isFalse();
        assertThat(changed).usingRecursiveComparison().ignoringFields("quota").isEqualTo(o);
    }

    @Test
    void theNamespaceAndTheTimeOfObservationAreRequired() {
        assertThatThrownBy(() -> ControlObservations.builder().now(NOW).build()).hasMessageContaining("namespace");
        assertThatThrownBy(() -> ControlObservations.builder().namespace("opsgate-acme").build()).hasMessageContaining("now");
    }
}
