package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

import java.util.ArrayList;
import java.util.List;

/** A DNS lookup and the records it must return. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DnsCheck {
    @Required
    @JsonPropertyDescription("Name to resolve.")
    public String name;

    @Default("A")
    @JsonPropertyDescription("Record type.")
    public RecordType recordType;

    @JsonPropertyDescription("Records that must all be in the answer; empty means any non-empty answer.")
    public List<String> expected = new ArrayList<>();

    @JsonPropertyDescription("DNS server as ip or ip:port; the system resolver when empty.")
    public String server;

    /** Record types. */
    public enum RecordType {
        A, AAAA, CNAME, MX, TXT, NS
    }
}
