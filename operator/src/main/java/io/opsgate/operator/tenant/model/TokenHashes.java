package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.opsgate.api.config.TokenEntry;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.api.v1alpha1.TenantSpec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Turns the Tenant's token Secrets into the hashes the compiled configuration carries. */
public final class TokenHashes {

    private TokenHashes() {
    }

    /**
     * One entry per token whose Secret exists and holds a {@code token} key; a token without one is left
     * out, so it authenticates nothing until its Secret is there.
     *
     * @param spec   the defaulted spec (secretName filled in)
     * @param lookup finds a Secret of the tenant namespace by name
     */
    public static List<TokenEntry> of(TenantSpec spec, Function<String, Optional<Secret>> lookup) {
        List<TokenEntry> result = new ArrayList<>();
        for (ApiTokenSpec token : spec.apiTokens) {
            Optional<String> value = lookup.apply(token.secretName).flatMap(TokenHashes::token);
            value.ifPresent(v -> result.add(new TokenEntry(token.name, TokenEntry.hash(v),
                    new ArrayList<>(token.scopes), token.expiresAt)));
        }
        return result;
    }

    /** The token a token Secret holds (key {@code token}, in data or stringData), stripped. */
    public static Optional<String> token(Secret secret) {
        if (secret.getData() != null && secret.getData().get(TenantSecretBuilder.TOKEN_KEY) != null) {
            byte[] raw = Base64.getDecoder().decode(secret.getData().get(TenantSecretBuilder.TOKEN_KEY));
            return Optional.of(new String(raw, StandardCharsets.UTF_8).strip());
        }
        if (secret.getStringData() != null && secret.getStringData().get(TenantSecretBuilder.TOKEN_KEY) != null) {
            return Optional.of(secret.getStringData().get(TenantSecretBuilder.TOKEN_KEY).strip());
        }
        return Optional.empty();
    }
}
