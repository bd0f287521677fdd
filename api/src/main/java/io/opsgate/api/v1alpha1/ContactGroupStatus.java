package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.opsgate.api.common.OpsgateStatus;

/** Whether a contact group is valid and in the compiled configuration. Person ids only, never contact details. */
@JsonClassDescription("Whether the contact group is valid and in the compiled configuration (written by the operator). "
        + "Person ids only, never contact details.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContactGroupStatus extends OpsgateStatus {

    @JsonPropertyDescription("People named in members whose key is missing from the contacts Secret; they are "
            + "skipped when called.")
    public java.util.List<String> unknownPeople;
}
