package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.api.v1alpha1.AccessLogCheckpoint;

/**
 * Compares ingest's access-log evidence ({@code GET /internal/v1/security}, {@code accessLog}) with the checkpoint the
 * Tenant status keeps outside the log, and says what the status keeps next. The engine verifies the chain under its
 * key, against the anchor it recorded at pruning and against the checkpoint the operator sent with the request
 * ({@link SecurityReports}); here the operator also checks that the log never shrank behind its back: the head's
 * number never goes back, nor the anchor's. The checkpoint advances only on a report that verified the recorded one
 * (or on the first report); after a mismatch it stays, so the mismatch keeps showing until someone removes
 * {@code status.accessLog} to accept a log that was reset on purpose. Pure.
 */
public final class AccessLogCheck {

    /**
     * The verdict.
     *
     * @param ok      whether the log verified
     * @param reason  CamelCase reason when it did not, else null
     * @param message what was found, for the control's evidence
     * @param next    the checkpoint the status keeps
     */
    public record Outcome(boolean ok, String reason, String message, AccessLogCheckpoint next) {
    }

    static final String VERIFIED = "ingest access log chain verified under its key, against its recorded anchor and "
            + "the checkpoint in status.accessLog";

    private AccessLogCheck() {
    }

    /**
     * @param recorded the checkpoint in the Tenant status, or null
     * @param report   ingest's latest security report, or null when none was received
     */
    public static Outcome of(AccessLogCheckpoint recorded, JsonNode report) {
        JsonNode log = report == null ? null : report.path("accessLog");
        if (log == null || !log.isObject()) {
            return new Outcome(true, null, "ingest access log: no report yet", recorded);
        }
        String time = report.path("time").asText(null);
        long headSeq = log.path("headSeq").asLong(-1);
        long anchorSeq = log.path("anchorSeq").asLong(-1);
        if (!log.path("keyed").asBoolean(false) || headSeq < 0) {
            return broken("AccessLogNotKeyed", "ingest's access log is not chained with a key (an engine before issue 13?)",
                    recorded);
        }
        JsonNode echo = log.path("checkpoint");
        if (recorded != null && headSeq < recorded.headSeq) {
            return broken("AccessLogTruncated", "ingest reports entry " + headSeq + " as the latest, but entry "
                    + recorded.headSeq + " was verified at " + recorded.verifiedAt + ": entries " + (headSeq + 1) + " to "
                    + recorded.headSeq + " are missing", recorded);
        }
        if (recorded != null && anchorSeq < recorded.anchorSeq) {
            return broken("AccessLogAnchorMovedBack", "ingest's access log starts after entry " + anchorSeq + ", but "
                    + "retention had already removed up to entry " + recorded.anchorSeq, recorded);
        }
        if (echo.isObject() && echo.path("verified").isBoolean() && !echo.path("verified").asBoolean()) {
            return broken("AccessLogCheckpointMismatch", "ingest's access log no longer holds the recorded entry "
                    + echo.path("seq").asLong() + ": " + log.path("problem").asText("?"), recorded);
        }
        if (!log.path("chainVerified").asBoolean(false)) {
            return broken("AccessLogChainBroken", "ingest's access log does not verify: " + log.path("problem").asText("?"),
                    recorded);
        }
        boolean checksRecorded = recorded != null && echo.isObject() && echo.path("seq").asLong() == recorded.headSeq
                && recorded.headHash != null && recorded.headHash.equals(echo.path("hash").asText());
        AccessLogCheckpoint next = recorded == null || checksRecorded ? checkpoint(log, time) : recorded;
        return new Outcome(true, null, VERIFIED, next);
    }

    private static Outcome broken(String reason, String message, AccessLogCheckpoint recorded) {
        return new Outcome(false, reason, message, recorded);
    }

    private static AccessLogCheckpoint checkpoint(JsonNode log, String time) {
        AccessLogCheckpoint c = new AccessLogCheckpoint();
        c.headSeq = log.path("headSeq").asLong();
        c.headHash = log.path("headHash").asText();
        c.anchorSeq = log.path("anchorSeq").asLong();
        c.anchor = log.path("anchor").asText();
        c.verifiedAt = time;
        return c;
    }
}
