package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.api.v1alpha1.AccessLogCheckpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's comparison of ingest's access-log evidence with the checkpoint the Tenant status keeps. */
class AccessLogCheckTest {
    static final String H1 = "1".repeat(64);
    static final String H2 = "2".repeat(64);
    static final String ZERO = "0".repeat(64);

    static JsonNode report(long headSeq, String headHash, long anchorSeq, boolean verified, String checkpoint) throws Exception {
        return EngineClient.JSON.readTree("""
                {"component":"ingest","time":"2026-11-26T04:00:00Z",
                 "accessLog":{"entries":%d,"headSeq":%d,"headHash":"%s","anchorSeq":%d,"anchor":"%s","keyed":true,
                              "chainVerified":%s,"problem":%s,"checkpoint":%s}}"""
                .formatted(headSeq - anchorSeq, headSeq, headHash, anchorSeq, ZERO, verified,
                        verified ? "null" : "\"line 3: changed\"", checkpoint == null ? "null" : checkpoint));
    }

    static AccessLogCheckpoint recorded(long headSeq, String hash, long anchorSeq) {
        AccessLogCheckpoint c = new AccessLogCheckpoint();
        c.headSeq = headSeq;
        c.headHash = hash;
        c.anchorSeq = anchorSeq;
        c.anchor = ZERO;
        c.verifiedAt = "2026-11-26T03:00:00Z";
        return c;
    }

    @Test
    void theFirstVerifiedReportBecomesTheCheckpoint() throws Exception {
        AccessLogCheck.Outcome o = AccessLogCheck.of(null, report(10, H1, 0, true, null));
        assertThat(o.ok()).isTrue();
        assertThat(o.reason()).isNull();
        assertThat(o.next().headSeq).isEqualTo(10);
        assertThat(o.next().headHash).isEqualTo(H1);
        assertThat(o.next().verifiedAt).isEqualTo("2026-11-26T04:00:00Z");
        assertThat(AccessLogCheck.of(null, null).next()).isNull();
        assertThat(AccessLogCheck.of(null, null).message()).contains("no report yet");
    }

    @Test
    void theCheckpointAdvancesOnlyOnAReportThatVerifiedTheRecordedOne() throws Exception {
        AccessLogCheckpoint c = recorded(10, H1, 0);
        AccessLogCheck.Outcome verified = AccessLogCheck.of(c, report(15, H2, 0, true,
                "{\"seq\":10,\"hash\":\"" + H1 + "\",\"verified\":true}"));
        assertThat(verified.ok()).isTrue();
        assertThat(verified.next().headSeq).isEqualTo(15);
        AccessLogCheck.Outcome older = AccessLogCheck.of(c, report(15, H2, 0, true, null));
        assertThat(older.ok()).isTrue();
        assertThat(older.next()).as("fetched before this checkpoint was recorded: it waits for one that checked it")
                .isSameAs(c);
    }

    @Test
    void aHeadThatWentBackIsATruncationEvenWhenTheChainVerifies() throws Exception {
        AccessLogCheckpoint c = recorded(10, H1, 0);
        AccessLogCheck.Outcome o = AccessLogCheck.of(c, report(8, H2, 0, true, null));
        assertThat(o.ok()).isFalse();
        assertThat(o.reason()).isEqualTo("AccessLogTruncated");
        assertThat(o.message()).contains("entries 9 to 10 are missing");
        assertThat(o.next()).isSameAs(c);
    }

    @Test
    void aCheckpointTheLogNoLongerHoldsABrokenChainAnUnkeyedLogAndAnAnchorMovedBackAreNotSatisfied() throws Exception {
        AccessLogCheckpoint c = recorded(10, H1, 4);
        AccessLogCheck.Outcome mismatch = AccessLogCheck.of(c, report(12, H2, 4, true,
                "{\"seq\":10,\"hash\":\"" + H1 + "\",\"verified\":false}"));
        assertThat(mismatch.reason()).isEqualTo("AccessLogCheckpointMismatch");
        assertThat(mismatch.next()).isSameAs(c);
        assertThat(AccessLogCheck.of(c, report(12, H2, 4, false, null)).reason()).isEqualTo("AccessLogChainBroken");
        assertThat(AccessLogCheck.of(c, report(12, H2, 4, false, null)).message()).contains("line 3: changed");
        assertThat(AccessLogCheck.of(c, report(12, H2, 2, true, null)).reason()).isEqualTo("AccessLogAnchorMovedBack");
        JsonNode unkeyed = EngineClient.JSON.readTree("{\"accessLog\":{\"entries\":3,\"chainVerified\":true}}");
        assertThat(AccessLogCheck.of(c, unkeyed).reason()).isEqualTo("AccessLogNotKeyed");
    }

    @Test
    void aCheckpointPrunedSinceIsAcceptedWithTheNewAnchor() throws Exception {
        AccessLogCheckpoint c = recorded(10, H1, 0);
        AccessLogCheck.Outcome o = AccessLogCheck.of(c, report(30, H2, 20, true,
                "{\"seq\":10,\"hash\":\"" + H1 + "\",\"verified\":null}"));
        assertThat(o.ok()).isTrue();
        assertThat(o.next().anchorSeq).isEqualTo(20);
    }
}
