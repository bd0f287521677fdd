package io.opsgate.api.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opsgate.api.v1alpha1.ApiTokenSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A tenant API token as the workloads know it: only the SHA-256 of the token. Tokens are 256-bit
 * random values, so a plain hash is enough; a slow password hash would only cost per-request CPU.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TokenEntry {
    public String name;
    public String sha256;
    public List<ApiTokenSpec.TokenScope> scopes = new ArrayList<>();
    public String expiresAt;

    public TokenEntry() {
    }

    public TokenEntry(String name, String sha256, List<ApiTokenSpec.TokenScope> scopes, String expiresAt) {
        this.name = name;
        this.sha256 = sha256;
        this.scopes = scopes;
        this.expiresAt = expiresAt;
    }

    /** Hex SHA-256 of a token's UTF-8 bytes. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
