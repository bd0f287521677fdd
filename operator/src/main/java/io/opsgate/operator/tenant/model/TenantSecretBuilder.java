package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.opsgate.api.config.CompiledConfigCodec;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.api.v1alpha1.OpsgateApi;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Secrets the operator writes into a tenant namespace: the compiled configuration, the internal
 * token between ingest and notify, and one per API token. Tokens are 32 random bytes, base64url. Each
 * carries the label {@value OpsgateApi#MANAGED_SECRET_LABEL}: no tenant object may mount it.
 */
public final class TenantSecretBuilder {

    public static final String CONFIG_SECRET = "opsgate-config";
    public static final String INTERNAL_SECRET = "opsgate-internal";
    public static final String TOKEN_KEY = "token";
    /** The workloads' TLS material (tls.crt, tls.key, ca.crt) the operator issues, unless spec.security.tlsSecretName. */
    public static final String TLS_SECRET = "opsgate-tls";
    /** The key-encryption keys, one key per id (docs/architecture.md, "Envelope encryption"). */
    public static final String KEK_SECRET = "opsgate-kek";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TenantSecretBuilder() {
    }

    public static Secret config(DesiredTenant d) {
        Secret s = secret(d, CONFIG_SECRET, "config", Map.of(CompiledConfigCodec.FILE_NAME, d.configJson()));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(TenantDeploymentBuilder.CONFIG_HASH_ANNOTATION, d.configHash());
        s.getMetadata().setAnnotations(annotations);
        return s;
    }

    /** A new random internal token; the dependent creates it once and never replaces it. */
    public static Secret internal(DesiredTenant d) {
        return secret(d, INTERNAL_SECRET, "internal", Map.of(TOKEN_KEY, randomToken().getBytes(StandardCharsets.UTF_8)));
    }

    /** A new random API token Secret for {@code spec} (secretName defaulted); created once, never replaced. */
    public static Secret token(DesiredTenant d, ApiTokenSpec spec) {
        return secret(d, spec.secretName, "token", Map.of(TOKEN_KEY, randomToken().getBytes(StandardCharsets.UTF_8)));
    }

    /** The Secret the workloads' TLS material comes from: the Tenant's own, or the one the operator issues. */
    public static String tlsSecretName(io.opsgate.api.v1alpha1.TenantSpec spec) {
        return spec.security != null && spec.security.tlsSecretName != null && !spec.security.tlsSecretName.isBlank()
                ? spec.security.tlsSecretName : TLS_SECRET;
    }

    /** 256 random bits, base64url without padding. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Secret secret(DesiredTenant d, String name, String component, Map<String, byte[]> data) {
        ObjectMeta meta = d.meta(name, component);
        meta.getLabels().put(OpsgateApi.MANAGED_SECRET_LABEL, "true");
        SecretBuilder b = new SecretBuilder()
                .withMetadata(meta)
                .withType("Opaque");
        data.forEach((k, v) -> b.addToData(k, Base64.getEncoder().encodeToString(v)));
        return b.build();
    }
}
