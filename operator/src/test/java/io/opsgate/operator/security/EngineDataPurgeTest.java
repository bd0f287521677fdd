package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.operator.tenant.model.Workload;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class EngineDataPurgeTest {

    @Test
    void aPurgeCountsOnlyWhenEveryPartIsVerifiedForThisTenant() throws Exception {
        assertThat(EngineDataPurge.verify(Workload.INGEST, "acme", answer(200, """
                {"tenant":"acme","component":"ingest","storeDeleted":true,"keysDestroyed":true,"logsDeleted":true,
                 "bytesRemoved":104857,"verifiedAt":"2026-11-26T04:00:00Z"}"""))).isEmpty();
        assertThat(EngineDataPurge.verify(Workload.INGEST, "acme", answer(200, """
                {"tenant":"acme","storeDeleted":true,"keysDestroyed":false,"logsDeleted":true}""")))
                .hasValue("ingest did not verify keysDestroyed");
        assertThat(EngineDataPurge.verify(Workload.NOTIFY, "acme", answer(200, """
                {"tenant":"other","storeDeleted":true,"keysDestroyed":true,"logsDeleted":true}""")))
                .hasValue("notify purged tenant other, not acme");
        assertThat(EngineDataPurge.verify(Workload.NOTIFY, "acme", answer(500, """
                {"error":"store directory still present"}"""))).hasValue("notify answered 500 store directory still present");
        assertThat(EngineDataPurge.verify(Workload.NOTIFY, "acme", answer(200, "{}"))).isPresent();
    }

    @Test
    void theDescriptionNamesWhatWasRemoved() throws Exception {
        assertThat(EngineDataPurge.describe(Workload.INGEST, EngineClient.JSON.readTree("""
                {"bytesRemoved":104857,"verifiedAt":"2026-11-26T04:00:00Z"}""")))
                .isEqualTo("ingest: store, data key and logs removed (104857 bytes), verified at 2026-11-26T04:00:00Z");
    }

    @Test
    void retriesBackOffExponentiallyUpToFiveMinutes() {
        assertThat(EngineDataPurge.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(EngineDataPurge.backoff(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(EngineDataPurge.backoff(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(EngineDataPurge.backoff(7)).isEqualTo(Duration.ofMinutes(5));
        assertThat(EngineDataPurge.backoff(100)).isEqualTo(Duration.ofMinutes(5));
    }

    private static EngineClient.Answer answer(int status, String json) throws Exception {
        JsonNode body = EngineClient.JSON.readTree(json);
        return new EngineClient.Answer(status, body);
    }
}
