package io.opsgate.engine.tenant;

import io.opsgate.api.v1alpha1.ApiTokenSpec;

import java.util.Set;

/**
 * What a valid bearer token grants: its tenant and scopes.
 *
 * @param tenant     the tenant the token belongs to
 * @param tokenName  the token's name, the actor on ticket timelines
 * @param scopes     what it may do
 * @param hash       SHA-256 of the token
 * @param expiresAt  epoch milliseconds after which it is refused; Long.MAX_VALUE for never
 */
public record TokenGrant(TenantRuntime tenant, String tokenName, Set<ApiTokenSpec.TokenScope> scopes, byte[] hash,
                         long expiresAt) {
}
