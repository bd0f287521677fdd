package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.api.v1alpha1.ControlStatus;
import io.opsgate.api.v1alpha1.ControlStatus.ControlState;
import io.opsgate.api.v1alpha1.DeletionPolicy;
import io.opsgate.operator.tenant.model.TenantNetworkPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TenantControlsTest {

    /** The service's ISO/IEC 27017 statement (issue 7). */
    static final List<String> STATEMENT = List.of("5.1.1", "6.1.1", "6.1.3", "CLD6.3.1", "7.2.2", "8.1.1", "8.2.2",
            "CLD8.1.5", "9.1.2", "9.2.1", "9.2.2", "9.2.3", "9.2.4", "9.4.1", "9.4.4", "CLD9.5.1", "CLD9.5.2", "10.1.1",
            "10.1.2", "11.2.7", "12.1.2", "12.1.3", "12.3.1", "12.4.1", "12.4.3", "12.4.4", "12.6.1", "CLD12.1.5",
            "CLD12.4.5", "13.1.3", "CLD13.1.4", "14.1.1", "14.2.1", "15.1.1", "15.1.2", "15.1.3", "16.1.1", "16.1.2",
            "16.1.7", "18.1.1", "18.1.2", "18.1.3", "18.1.5", "18.2.1");
    static final Instant NOW = Instant.parse("2026-11-26T04:00:00Z");
    /** Every policy the operator keeps in a tenant namespace (some with no rule while nothing needs them). */
    static final Set<String> ALL_POLICIES = Arrays.stream(TenantNetworkPolicy.values()).map(TenantNetworkPolicy::objectName)
            .collect(Collectors.toSet());
    static final Set<String> ROLES = Set.of("opsgate-tenant-owner", "opsgate-tenant-operator", "opsgate-tenant-viewer");

    static ControlObservations healthy() throws Exception {
        JsonNode ingest = EngineClient.JSON.readTree("""
                {"tenant":"acme","component":"ingest","tls":{"enabled":true,"certificateNotAfter":"2027-02-24T04:00:00Z"},
                 "dataKey":{"id":"3f1c","createdAt":"2026-11-20T00:00:00Z","rotatedAt":"2026-11-20T00:00:00Z",
                            "rotationPeriod":"90d","kekId":"20261101T000000Z"},
                 "accessLog":{"entries":1523,"headSeq":1530,"headHash":"%s","anchorSeq":7,"anchor":"%s","keyed":true,
                              "chainVerified":true,"problem":null,"checkpoint":null}}""".formatted("9".repeat(64), "7".repeat(64)));
        JsonNode notify = EngineClient.JSON.readTree("""
                {"tenant":"acme","component":"notify","tls":{"enabled":true},"dataKey":null,"accessLog":null}""");
        return observations(ALL_POLICIES, DeletionPolicy.Purge, "sec-mail", List.of(), ingest, notify);
    }

    static ControlObservations observations(Set<String> policies, DeletionPolicy policy, String noticeChannel,
                                            List<String> expired, JsonNode ingest, JsonNode notify) {
        return ControlObservations.builder()
                .namespace("opsgate-acme")
                .podSecurity("restricted")
                .networkPolicies(policies)
                .quota(true)
                .roles(ROLES)
                .owners(1)
                .operators(1)
                .viewers(1)
                .tokens(3)
                .tokensWithoutSecret(List.of())
                .expiredTokens(expired)
                .adminTokens(1)
                .apiAllowedCidrs(List.of("10.0.0.0/8"))
                .tls(new TenantTls.State("opsgate-tls", true, Instant.parse("2027-02-24T04:00:00Z"), null))
                .kek(new TenantKeks.State(List.of("20261101T000000Z"), "20261101T000000Z"))
                .ingestReport(ingest)
                .notifyReport(notify)
                .deletionPolicy(policy)
                .noticeChannel(noticeChannel)
                .auditLog("/var/log/opsgate/audit.jsonl")
                .configHash("0123456789abcdef0123")
                .logRetention("365d")
                .now(NOW)
                .build();
    }

    @Test
    void everyControlOfTheStatementIsListedOnceInOrder() throws Exception {
        assertThat(TenantControls.of(healthy())).extracting(c -> c.id).containsExactlyElementsOf(STATEMENT);
    }

    @Test
    void aWellConfiguredTenantSatisfiesEveryProductControlAndTheRestIsTheOrganisations() throws Exception {
        List<ControlStatus> controls = TenantControls.of(healthy());
        assertThat(controls).allSatisfy(c -> {
            assertThat(c.state).isNotEqualTo(ControlState.NotSatisfied);
            assertThat(c.title).isNotBlank();
            assertThat(c.evidence).isNotEmpty();
        });
        assertThat(controls).filteredOn(c -> c.state == ControlState.NotApplicable)
                .allSatisfy(c -> assertThat(c.evidence.get(0)).startsWith("the operating organisation's control"))
                .extracting(c -> c.id).contains("5.1.1", "7.2.2", "12.4.4", "18.1.1", "18.2.1");
        assertThat(evidence(controls, "13.1.3")).contains("NetworkPolicy opsgate-default-deny present in opsgate-acme");
        assertThat(evidence(controls, "10.1.1")).anyMatch(e -> e.startsWith("TLS on ingest and notify, certificate valid until 2027-02-24"));
        assertThat(evidence(controls, "10.1.2")).contains("data key rotated 2026-11-20");
        assertThat(evidence(controls, "9.2.4")).contains("3 API tokens, none expired");
        assertThat(evidence(controls, "CLD8.1.5")).anyMatch(e -> e.startsWith("deletionPolicy Purge"));
        assertThat(evidence(controls, "16.1.2")).contains("security notices to NotificationChannel sec-mail");
        assertThat(evidence(controls, "12.4.1")).contains(AccessLogCheck.VERIFIED);
        assertThat(evidence(controls, "10.1.2")).contains("every record of the tenant's stores sealed under the data key");
        assertThat(controls).allSatisfy(c -> assertThat(c.reason).isNull());
    }

    @Test
    void missingEvidenceMakesAControlNotSatisfiedWithTheReason() throws Exception {
        Set<String> withoutDeny = ALL_POLICIES.stream().filter(p -> !p.equals("opsgate-default-deny")).collect(Collectors.toSet());
        JsonNode plain = EngineClient.JSON.readTree("""
                {"component":"notify","tls":{"enabled":false},"accessLog":null}""");
        JsonNode broken = EngineClient.JSON.readTree("""
                {"component":"ingest","tls":{"enabled":true},"dataKey":{"kekProvider":"local"},
                 "accessLog":{"headSeq":3,"keyed":true,"chainVerified":false,"problem":"line 2: the hash is not the key's MAC"}}""");
        List<ControlStatus> controls = TenantControls.of(observations(withoutDeny, DeletionPolicy.Retain, null,
                List.of("ci-old"), broken, plain));
        assertThat(state(controls, "13.1.3")).isEqualTo(ControlState.NotSatisfied);
        assertThat(evidence(controls, "13.1.3")).contains("NetworkPolicy opsgate-default-deny missing");
        assertThat(evidence(controls, "9.1.2")).contains("NetworkPolicies missing: opsgate-default-deny");
        assertThat(state(controls, "CLD8.1.5")).isEqualTo(ControlState.NotSatisfied);
        assertThat(evidence(controls, "16.1.2")).anyMatch(e -> e.contains("spec.security.noticeChannel not set"));
        assertThat(evidence(controls, "9.2.4")).contains("expired tokens still listed: ci-old");
        assertThat(evidence(controls, "10.1.1")).contains("notify serves plain HTTP");
        assertThat(evidence(controls, "12.4.1")).contains("ingest's access log does not verify: line 2: the hash is not the key's MAC");
        assertThat(control(controls, "12.4.1").reason).isEqualTo("AccessLogChainBroken");
        assertThat(state(controls, "10.1.2")).isEqualTo(ControlState.NotSatisfied);
        assertThat(control(controls, "10.1.2").reason).isEqualTo("KekOnDataVolume");
    }

    @Test
    void anExpiredOrMissingCertificateAndNoKeksAreNotSatisfied() throws Exception {
        ControlObservations h = healthy();
        ControlObservations expired = h.toBuilder()
                .tls(new TenantTls.State("mine", false, NOW.minusSeconds(1), null))
                .kek(null)
                .ingestReport(null)
                .notifyReport(null)
                .build();
        List<ControlStatus> controls = TenantControls.of(expired);
        assertThat(evidence(controls, "10.1.1")).containsExactly("certificate in Secret mine expired 2026-11-26");
        assertThat(state(controls, "10.1.2")).isEqualTo(ControlState.NotSatisfied);
        assertThat(evidence(controls, "12.4.1")).contains("ingest access log: no report yet");
    }

    @Test
    void theSameObservationsGiveEqualControlsSoTheStatusDoesNotChurn() throws Exception {
        List<ControlStatus> a = TenantControls.of(healthy());
        List<ControlStatus> b = TenantControls.of(healthy());
        assertThat(a).usingRecursiveFieldByFieldElementComparator().isEqualTo(b);
    }

    private static List<String> evidence(List<ControlStatus> controls, String id) {
        return controls.stream().filter(c -> c.id.equals(id)).findFirst().orElseThrow().evidence;
    }

    private static ControlStatus control(List<ControlStatus> controls, String id) {
        return controls.stream().filter(c -> c.id.equals(id)).findFirst().orElseThrow();
    }

    private static ControlState state(List<ControlStatus> controls, String id) {
        return controls.stream().filter(c -> c.id.equals(id)).findFirst().orElseThrow().state;
    }
}
