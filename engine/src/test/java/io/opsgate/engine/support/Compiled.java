package io.opsgate.engine.support;

import io.opsgate.api.config.Compilation;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.CompiledConfigCodec;
import io.opsgate.api.config.ConfigCompiler;
import io.opsgate.api.config.ManifestReader;
import io.opsgate.api.config.ManifestSet;
import io.opsgate.api.config.TokenEntry;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.engine.config.LoadedConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Compiles a tenant from YAML with the compiler the operator uses, as the engine would receive it. */
public final class Compiled {
    private Compiled() {
    }

    public static CompiledConfig of(String tenant, String yaml, List<TokenEntry> tokens) {
        ManifestSet set = new ManifestSet();
        ManifestReader.read("test.yaml", yaml, set);
        if (!set.errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", set.errors));
        }
        Compilation c = ConfigCompiler.compile(set.forTenant(set.tenant(tenant).orElseThrow(), tokens));
        if (!c.config().excluded.isEmpty()) {
            throw new IllegalArgumentException("left out: " + c.config().excluded.get(0).message);
        }
        return c.config();
    }

    /** What a configuration source would hand the registry. */
    public static LoadedConfig load(String tenant, String yaml) {
        return new LoadedConfig(Map.of(tenant, of(tenant, yaml, List.of())), List.of(), false);
    }

    /** A token entry with the Ingest, Read and Admin scopes. */
    public static TokenEntry token(String name, String token) {
        return token(name, token, ApiTokenSpec.TokenScope.Ingest, ApiTokenSpec.TokenScope.Read,
                ApiTokenSpec.TokenScope.Admin);
    }

    /** A token entry, as the operator compiles it from the tenant's token Secret: only its hash. */
    public static TokenEntry token(String name, String token, ApiTokenSpec.TokenScope... scopes) {
        return new TokenEntry(name, TokenEntry.hash(token), List.of(scopes), null);
    }

    /** Writes the compiled configuration where ingest mode reads it (--config-file). */
    public static Path write(Path file, CompiledConfig config) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, CompiledConfigCodec.write(config));
        return file;
    }
}
