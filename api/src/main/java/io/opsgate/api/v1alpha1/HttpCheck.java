package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An HTTP(S) request and what its answer must look like. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HttpCheck {
    @Required
    @Pattern("^https?://.+")
    @JsonPropertyDescription("URL to request, http or https.")
    public String url;

    @Default("GET")
    @JsonPropertyDescription("HTTP method: GET, HEAD or POST. PUT and OPTIONS are refused: a monitor reads what it "
            + "watches and never changes it.")
    public HttpMethod method;

    @JsonPropertyDescription("Request headers. Host, hop-by-hop and framing headers (Connection, Transfer-Encoding, "
            + "...), forwarding and proxy headers (X-Forwarded-*, Forwarded, Proxy-*) and those metadata services "
            + "require (Metadata-Flavor, Metadata, X-aws-ec2-metadata-token*) are refused.")
    public Map<String, String> headers = new LinkedHashMap<>();

    @JsonPropertyDescription("Request body.")
    public String body;

    @JsonPropertyDescription("Status codes that count as success; empty means any 2xx.")
    public List<Integer> expectedStatus = new ArrayList<>();

    @JsonPropertyDescription("Text the response body must contain.")
    public String bodyContains;

    @JsonPropertyDescription("RE2 regex the response body must match somewhere.")
    public String bodyMatches;

    @Pattern(SchemaPatterns.DURATION)
    @JsonPropertyDescription("Slowest acceptable response, e.g. 2s.")
    public String maxLatency;

    @Min(0)
    @Max(3650)
    @JsonPropertyDescription("For https: fail when the server certificate expires within this many days.")
    public Integer tlsExpiryDays;

    @JsonPropertyDescription("Accept any server certificate. Only for tests; the expiry check still applies.")
    public Boolean insecureSkipVerify;

    @Default("true")
    @JsonPropertyDescription("Follow redirects (at most 5); each target must lie inside the Tenant's spec.egress too.")
    public Boolean followRedirects;

    /** Methods a check may name; the validator refuses PUT and OPTIONS (kept so stored objects stay readable). */
    public enum HttpMethod {
        GET, HEAD, POST, PUT, OPTIONS
    }
}
