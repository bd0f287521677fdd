package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

import java.util.ArrayList;
import java.util.List;

/** One allowed egress destination. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EgressRule {

    @Required
    @JsonPropertyDescription("Destination CIDR, for example 203.0.113.0/24 or 0.0.0.0/0.")
    public String cidr;

    @JsonPropertyDescription("CIDRs inside cidr that stay forbidden, for example the cluster's own ranges.")
    public List<String> except = new ArrayList<>();

    @JsonPropertyDescription("TCP ports allowed; empty allows every port.")
    public List<Integer> ports = new ArrayList<>();

    public EgressRule() {
    }

    public EgressRule(String cidr, List<Integer> ports) {
        this.cidr = cidr;
        this.ports = ports;
    }
}
