package io.opsgate.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.opsgate.api.config.CompiledConfigCodec;
import io.opsgate.api.config.TokenEntry;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.tenant.model.TenantDeploymentBuilder;
import io.opsgate.operator.tenant.model.TenantSecretBuilder;
import io.opsgate.operator.tenant.model.TokenHashes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a removed API token is out of service: the configuration Secret no longer holds its hash and
 * both workloads run that configuration. Only then is its Secret deleted, so the Secret never
 * disappears while a workload still accepts the token.
 */
final class TokenRollout {

    private TokenRollout() {
    }

    static boolean rolledOutWithout(Secret token, Context<Tenant> context) {
        String ns = token.getMetadata().getNamespace();
        Optional<Secret> config = context.getSecondaryResourcesAsStream(Secret.class)
                .filter(s -> TenantSecretBuilder.CONFIG_SECRET.equals(s.getMetadata().getName())
                        && ns.equals(s.getMetadata().getNamespace()))
                .findFirst();
        if (config.isEmpty() || config.get().getData() == null) {
            return true;
        }
        Optional<String> value = TokenHashes.token(token);
        String json = new String(Base64.getDecoder().decode(
                config.get().getData().getOrDefault(CompiledConfigCodec.FILE_NAME, "")), StandardCharsets.UTF_8);
        if (value.isPresent() && json.contains(TokenEntry.hash(value.get()))) {
            return false;
        }
        String hash = config.get().getMetadata().getAnnotations() == null ? null
                : config.get().getMetadata().getAnnotations().get(TenantDeploymentBuilder.CONFIG_HASH_ANNOTATION);
        return context.getSecondaryResourcesAsStream(Deployment.class)
                .filter(d -> ns.equals(d.getMetadata().getNamespace()))
                .allMatch(d -> runs(d, hash));
    }

    /** The Deployment's pods run the configuration {@code hash}: rolled out and available. */
    private static boolean runs(Deployment d, String hash) {
        String template = d.getSpec().getTemplate().getMetadata().getAnnotations() == null ? null
                : d.getSpec().getTemplate().getMetadata().getAnnotations().get(TenantDeploymentBuilder.CONFIG_HASH_ANNOTATION);
        if (!Objects.equals(template, hash)) {
            return false;
        }
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        var s = d.getStatus();
        return replicas == 0 || s != null && Objects.equals(s.getObservedGeneration(), d.getMetadata().getGeneration())
                && Objects.equals(s.getUpdatedReplicas(), replicas) && Objects.equals(s.getAvailableReplicas(), replicas);
    }
}
