package io.opsgate.engine.support;

import io.opsgate.api.config.Compilation;
import io.opsgate.api.config.CompiledConfigCodec;
import io.opsgate.api.config.ConfigCompiler;
import io.opsgate.api.config.ManifestReader;
import io.opsgate.api.config.ManifestSet;
import io.opsgate.api.config.TokenEntry;
import io.opsgate.engine.app.Options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An engine's configuration on disk as tests write it: YAML in {@code config/} (what kubectl would apply),
 * Secrets in {@code secrets/<namespace>/<secret>/<key>} where standalone reads them, API tokens among them.
 * From it come standalone's command line ({@link #standalone}) and, for ingest and notify, the compiled
 * configuration the operator would mount ({@link #compile}).
 */
public final class ConfigDir {
    public final Path root;
    public final Path configDir;
    public final Path secretsDir;
    private final Map<String, String> tokens = new LinkedHashMap<>();

    public ConfigDir(Path root) {
        this.root = root;
        this.configDir = root.resolve("config");
        this.secretsDir = root.resolve("secrets");
        try {
            Files.createDirectories(configDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a YAML file of objects. */
    public ConfigDir yaml(String file, String yaml) {
        try {
            Files.writeString(configDir.resolve(file), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes one key of a Secret. */
    public ConfigDir secret(String namespace, String secret, String key, String value) {
        Path file = secretsDir.resolve(namespace).resolve(secret).resolve(key);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, value + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes the token of {@code tenant}'s API token {@code name} where standalone reads it (its default Secret). */
    public ConfigDir token(String tenant, String name, String value) {
        tokens.put(tenant + "/" + name, value);
        return secret("opsgate-" + tenant, "opsgate-token-" + name, "token", value);
    }

    /** A token written by {@link #token(String, String, String)}, named {@code tenant/name}. */
    public String token(String tenantSlashName) {
        return tokens.get(tenantSlashName);
    }

    /** Standalone over this configuration, its data in {@code data/} ({@link Standalone#options}). */
    public Options standalone(String... more) {
        return Standalone.options(configDir, secretsDir, root.resolve("data"), more);
    }

    /**
     * Compiles {@code tenant} from the YAML with the operator's compiler and writes it as ingest and notify read
     * it ({@code --config-file}).
     *
     * @param tokens the API tokens' hashes, as the operator puts them in
     * @return the file
     */
    public Path compile(String tenant, List<TokenEntry> tokens) {
        try {
            ManifestSet set = ManifestReader.readDirectory(configDir);
            Compilation c = ConfigCompiler.compile(set.forTenant(set.tenant(tenant).orElseThrow(), tokens));
            Path file = root.resolve("etc").resolve(CompiledConfigCodec.FILE_NAME);
            Files.createDirectories(file.getParent());
            Files.write(file, CompiledConfigCodec.write(c.config()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
