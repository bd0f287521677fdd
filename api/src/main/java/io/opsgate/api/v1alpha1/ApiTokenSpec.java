package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.ArrayList;
import java.util.List;

/**
 * One API token of a tenant. To rotate without downtime, add a second token, move the senders over,
 * then remove the first: both are valid in between.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApiTokenSpec {

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = 40)
    @JsonPropertyDescription("Name of the token; its Secret is opsgate-token-<name> unless secretName is set.")
    public String name;

    @Size(min = 1)
    @JsonPropertyDescription("What the token may do: Ingest (send alerts and events), Read (read alerts, "
            + "silences, tickets, logs), Tickets (acknowledge, resolve, close, assign and comment on tickets: the "
            + "operator role), Admin (silences, ticket changes, credentials, key rotation). Default Ingest.")
    public List<TokenScope> scopes = new ArrayList<>();

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @Size(max = 253)
    @JsonPropertyDescription("Secret in the tenant namespace holding the token under the key token. Created with "
            + "a random token when missing.")
    public String secretName;

    @JsonPropertyDescription("RFC 3339 time after which the token is refused.")
    public String expiresAt;

    /** Token scopes. */
    public enum TokenScope {
        Ingest,
        Read,
        Admin,
        /** Ticket changes only, for the operator role; Admin allows them too. */
        Tickets
    }
}
