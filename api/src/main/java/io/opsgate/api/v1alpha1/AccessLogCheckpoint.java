package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Where the tenant's access log stood when the operator last verified it, kept outside the log (in the Tenant
 * status) so that entries cut off its end or dropped from its start show at the next verification.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AccessLogCheckpoint {
    @JsonPropertyDescription("Number of the latest entry ingest reported (the count of entries ever written).")
    public long headSeq;
    @JsonPropertyDescription("Hash (HMAC-SHA256) of that entry.")
    public String headHash;
    @JsonPropertyDescription("Number of the last entry retention removed (0 when none was): the kept entries follow it.")
    public long anchorSeq;
    @JsonPropertyDescription("Hash of that entry (64 zeros when none was removed).")
    public String anchor;
    @JsonPropertyDescription("When ingest's evidence with this head was verified (UTC, RFC 3339).")
    public String verifiedAt;
}
