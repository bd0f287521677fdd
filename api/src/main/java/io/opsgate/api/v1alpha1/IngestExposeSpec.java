package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the platform team exposes a tenant's ingest outside the cluster. Only the Tenant (the platform
 * team's object) can ask for it; the allow lists of {@code spec.ingest} apply to the client address.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(self.type in ['TLSRoute', 'Ingress']) || has(self.hostname)",
        message = "hostname is required for TLSRoute and Ingress: TLS passthrough routes by SNI")
@ValidationRule(value = "self.type != 'TLSRoute' || has(self.gateway)",
        message = "gateway is required for TLSRoute")
@ValidationRule(value = "!(self.type in ['TLSRoute', 'Ingress']) || has(self.controllerNamespace)",
        message = "controllerNamespace is required for TLSRoute and Ingress: its pods are the ones that reach ingest")
@ValidationRule(value = "!has(self.smtp) || !self.smtp || self.type in ['LoadBalancer', 'NodePort']",
        message = "smtp can only be exposed by a LoadBalancer or NodePort Service: SMTP's STARTTLS carries no SNI to route by")
public class IngestExposeSpec {

    /** The ways ingest can be reached from outside. */
    public enum ExposeType { LoadBalancer, NodePort, TLSRoute, Ingress }

    /** Whether a Service keeps the client's address (Local) or may hop nodes and lose it (Cluster). */
    public enum TrafficPolicy { Local, Cluster }

    @Required
    @JsonPropertyDescription("LoadBalancer or NodePort: a Service opsgate-ingest-external for HTTPS (and SMTP with "
            + "smtp: true). TLSRoute: a Gateway API TLSRoute with TLS passthrough to ingest's HTTPS, on the gateway "
            + "named by gateway (the Gateway API CRDs must be installed; the Tenant's IngestExposed condition says so "
            + "otherwise). Ingress: an Ingress with TLS passthrough (ingress-nginx, started with "
            + "--enable-ssl-passthrough).")
    public ExposeType type;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$")
    @JsonPropertyDescription("The host name senders use (TLSRoute, Ingress); ingest's certificate must name it: "
            + "the operator adds it to the certificate it issues (or spec.security.tlsSecretName must name it).")
    public String hostname;

    @JsonPropertyDescription("The Gateway the TLSRoute attaches to (its listener must be TLS mode Passthrough).")
    public GatewayReference gateway;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Namespace of the gateway's or ingress controller's pods (TLSRoute, Ingress): the "
            + "NetworkPolicy admits them to ingest's HTTPS port. Behind them ingest sees the controller's address, "
            + "so the client-address allow list must be enforced by the gateway (docs/gitops.md).")
    public String controllerNamespace;

    @JsonPropertyDescription("Ingress class of the Ingress (default nginx).")
    public String ingressClassName;

    @JsonPropertyDescription("Also expose the SMTP intake (port 25 outside, 2525 in the pod) on the Service. "
            + "LoadBalancer and NodePort only.")
    public Boolean smtp;

    @JsonPropertyDescription("externalTrafficPolicy of the Service (default Local): Local keeps the client's "
            + "address, so the NetworkPolicy and the engine apply spec.ingest.allowedCidrs to it; Cluster loses it "
            + "(the source becomes a node's address).")
    public TrafficPolicy externalTrafficPolicy;

    @JsonPropertyDescription("Annotations for the Service, TLSRoute or Ingress, e.g. a cloud load balancer's "
            + "settings or service.beta.kubernetes.io/aws-load-balancer-proxy-protocol.")
    public Map<String, String> annotations = new LinkedHashMap<>();

    /** A Gateway API parentRef. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class GatewayReference {
        @Required
        @JsonPropertyDescription("Name of the Gateway.")
        public String name;

        @JsonPropertyDescription("Namespace of the Gateway; its listener must allow routes from the tenant namespace.")
        public String namespace;

        @JsonPropertyDescription("The Gateway's listener (sectionName), when it has several.")
        public String sectionName;
    }
}
