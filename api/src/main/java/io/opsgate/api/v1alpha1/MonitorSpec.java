package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.LinkedHashMap;
import java.util.Map;

/** What to check, how often, and what the alert it raises looks like. */
@JsonClassDescription("What to check, how often, and what counts as a failure.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.type != 'HTTP' || has(self.http)", message = "http is required when type is HTTP")
@ValidationRule(value = "self.type != 'TCP' || has(self.tcp)", message = "tcp is required when type is TCP")
@ValidationRule(value = "self.type != 'DNS' || has(self.dns)", message = "dns is required when type is DNS")
@ValidationRule(value = "self.type != 'TLS' || has(self.tls)", message = "tls is required when type is TLS")
@ValidationRule(value = "self.type != 'Heartbeat' || has(self.heartbeat)",
        message = "heartbeat is required when type is Heartbeat")
@ValidationRule(value = "self.type != 'PrometheusQuery' || has(self.prometheusQuery)",
        message = "prometheusQuery is required when type is PrometheusQuery")
public class MonitorSpec {

    @Required
    @JsonPropertyDescription("HTTP, TCP, DNS, TLS, Heartbeat or PrometheusQuery; the section of the same name "
            + "holds its settings.")
    public MonitorType type;

    @Pattern(SchemaPatterns.DURATION)
    @Default("60s")
    @JsonPropertyDescription("Time between checks.")
    public String interval;

    @Pattern(SchemaPatterns.DURATION)
    @Default("10s")
    @JsonPropertyDescription("Time one check may take before it counts as failed.")
    public String timeout;

    @Min(0)
    @Max(10)
    @Default("2")
    @JsonPropertyDescription("Failed checks in a row tolerated before the alert fires; it fires on failure "
            + "retries+1. One success resolves it.")
    public Integer retries;

    @Default("warning")
    @JsonPropertyDescription("Severity label of the alert this monitor raises.")
    public String severity;

    @JsonPropertyDescription("Extra labels of the alert this monitor raises.")
    public Map<String, String> labels = new LinkedHashMap<>();

    @JsonPropertyDescription("Summary annotation of the alert; default names the monitor and its target.")
    public String summary;

    @JsonPropertyDescription("Settings of an HTTP(S) check.")
    public HttpCheck http;

    @JsonPropertyDescription("Settings of a TCP connect check.")
    public TcpCheck tcp;

    @JsonPropertyDescription("Settings of a DNS check.")
    public DnsCheck dns;

    @JsonPropertyDescription("Settings of a TLS certificate expiry check.")
    public TlsCheck tls;

    @JsonPropertyDescription("Settings of a heartbeat (dead-man's switch): the alert fires when no ping arrives "
            + "within period plus grace.")
    public HeartbeatCheck heartbeat;

    @JsonPropertyDescription("Settings of a Prometheus query check.")
    public PrometheusQueryCheck prometheusQuery;

    /** Monitor types. */
    public enum MonitorType {
        HTTP, TCP, DNS, TLS, Heartbeat, PrometheusQuery
    }
}
