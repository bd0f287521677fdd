package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.operator.tenant.model.Workload;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TenantKeksTest {

    @Test
    void oldKeysGoOnlyWhenBothWorkloadsReportTheirDataKeyWrappedByTheNewest() throws Exception {
        JsonNode onNew = report("20270101T000000Z");
        JsonNode onOld = report("20261101T000000Z");
        JsonNode noKey = EngineClient.JSON.readTree("{\"dataKey\":null}");
        assertThat(TenantKeks.rewrapped(Map.of(Workload.INGEST, onNew, Workload.NOTIFY, onNew), "20270101T000000Z")).isTrue();
        assertThat(TenantKeks.rewrapped(Map.of(Workload.INGEST, onNew, Workload.NOTIFY, onOld), "20270101T000000Z")).isFalse();
        assertThat(TenantKeks.rewrapped(Map.of(Workload.INGEST, onNew), "20270101T000000Z")).isFalse();
        assertThat(TenantKeks.rewrapped(Map.of(Workload.INGEST, onNew, Workload.NOTIFY, noKey), "20270101T000000Z")).isFalse();
    }

    @Test
    void idsAreUtcTimestampsThatSortInTimeOrder() {
        String a = TenantKeks.ID.format(Instant.parse("2026-11-26T04:00:00Z"));
        String b = TenantKeks.ID.format(Instant.parse("2027-05-25T04:00:00Z"));
        assertThat(a).isEqualTo("20261126T040000Z");
        assertThat(a).isLessThan(b);
        assertThat(TenantKeks.ID.parse(a, Instant::from)).isEqualTo(Instant.parse("2026-11-26T04:00:00Z"));
    }

    @Test
    void reportsCompareByTheirEvidenceNotByTimeOrCounters() throws Exception {
        JsonNode a = EngineClient.JSON.readTree("{\"time\":\"t1\",\"accessLog\":{\"entries\":1,\"chainVerified\":true}}");
        JsonNode b = EngineClient.JSON.readTree("{\"time\":\"t2\",\"accessLog\":{\"entries\":9,\"chainVerified\":true}}");
        JsonNode c = EngineClient.JSON.readTree("{\"time\":\"t2\",\"accessLog\":{\"entries\":9,\"chainVerified\":false}}");
        assertThat(SecurityReports.evidenceOf(a)).isEqualTo(SecurityReports.evidenceOf(b));
        assertThat(SecurityReports.evidenceOf(a)).isNotEqualTo(SecurityReports.evidenceOf(c));
        JsonNode grown = EngineClient.JSON.readTree("{\"time\":\"t3\",\"accessLog\":{\"entries\":9,\"headSeq\":12,"
                + "\"chainVerified\":true}}");
        assertThat(SecurityReports.evidenceOf(b)).as("a grown log moves the status checkpoint")
                .isNotEqualTo(SecurityReports.evidenceOf(grown));
    }

    private static JsonNode report(String kekId) throws Exception {
        return EngineClient.JSON.readTree("{\"dataKey\":{\"kekId\":\"" + kekId + "\"}}");
    }
}
