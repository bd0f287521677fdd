package io.opsgate.operator.security;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.tenant.model.TenantSecretBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Builds the client for a tenant's internal API from what its namespace holds: the internal token
 * (Secret opsgate-internal) and the CA of its TLS Secret.
 */
public final class EngineAccess {

    private final KubernetesClient kubernetes;
    private final EngineEndpoints endpoints;

    public EngineAccess(KubernetesClient kubernetes, EngineEndpoints endpoints) {
        this.kubernetes = kubernetes;
        this.endpoints = endpoints;
    }

    public EngineEndpoints endpoints() {
        return endpoints;
    }

    /**
     * A client for the tenant's workloads; the CA comes from the tenant's TLS Secret.
     *
     * @throws IllegalStateException naming what is missing
     */
    public EngineClient client(Tenant tenant) {
        String namespace = tenant.namespaceName();
        String token = value(namespace, TenantSecretBuilder.INTERNAL_SECRET, TenantSecretBuilder.TOKEN_KEY);
        String ca = value(namespace, TenantSecretBuilder.tlsSecretName(tenant.getSpec()), "ca.crt");
        return new EngineClient(ca, token.strip());
    }

    private String value(String namespace, String secret, String key) {
        Secret s = kubernetes.secrets().inNamespace(namespace).withName(secret).get();
        if (s == null || s.getData() == null || s.getData().get(key) == null) {
            throw new IllegalStateException("Secret " + namespace + "/" + secret + " has no key " + key);
        }
        return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
    }
}
