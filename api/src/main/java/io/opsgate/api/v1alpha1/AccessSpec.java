package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** Who may use a tenant's API beyond sending alerts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AccessSpec {

    @JsonPropertyDescription("Source CIDRs allowed to use the read, admin and ticket APIs (everything except "
            + "ingestion: silences, tickets, logs, credentials). Requests from elsewhere get 403 even with a valid "
            + "token. Empty: the same list as spec.ingest.allowedCidrs.")
    public List<String> apiAllowedCidrs = new ArrayList<>();
}
