package io.opsgate.engine.config;

import io.opsgate.api.config.Compilation;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.ConfigCompiler;
import io.opsgate.api.config.ExcludedObject;
import io.opsgate.api.config.ManifestReader;
import io.opsgate.api.config.ManifestSet;
import io.opsgate.api.config.TokenEntry;
import io.opsgate.api.egress.EgressGuard;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.validation.ResourceValidator;
import io.opsgate.api.validation.ValidationResult;
import io.opsgate.engine.sources.RecipientClaims;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Standalone mode's source: a directory of the same YAML that would be applied with kubectl, several
 * tenants in one directory (each tenant's objects are those in its namespace), compiled with the same
 * compiler the operator uses. Any problem (unreadable file, invalid object) refuses a reload whole, so
 * the last good configuration stays in force.
 */
public final class DirectorySource implements ConfigSource {
    private final Path configDir;
    private final Path secretsDir;
    private final EgressGuard guard;

    /** @param guard what the platform guards (standalone: {@code --cluster-networks}) */
    public DirectorySource(Path configDir, Path secretsDir, EgressGuard guard) {
        this.configDir = configDir;
        this.secretsDir = secretsDir;
        this.guard = guard;
    }

    @Override
    public String version() {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(configDir, 4)) {
            files.filter(Files::isRegularFile).sorted().forEach(p -> {
                try {
                    sb.append(p).append(':').append(Files.size(p)).append(':')
                            .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
                } catch (IOException e) {
                    sb.append(p).append(":gone\n");
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            sb.append("unreadable:").append(e.getMessage());
        }
        return sb.toString();
    }

    @Override
    public LoadedConfig load() {
        List<String> problems = new ArrayList<>();
        Map<String, CompiledConfig> tenants = new LinkedHashMap<>();
        ManifestSet set;
        try {
            set = ManifestReader.readDirectory(configDir);
        } catch (IOException | RuntimeException e) {
            problems.add(configDir + ": " + e.getMessage());
            return new LoadedConfig(tenants, problems, true);
        }
        problems.addAll(set.errors);
        for (Tenant tenant : set.tenants) {
            String name = tenant.getMetadata().getName();
            ValidationResult tenantResult = ResourceValidator.tenant(name, tenant.getSpec());
            if (!tenantResult.isValid()) {
                problems.add("Tenant/" + name + ": " + tenantResult.message());
                continue;
            }
            List<TokenEntry> tokens;
            try {
                tokens = StandaloneTokens.ensure(secretsDir, tenant);
            } catch (IOException e) {
                problems.add("Tenant/" + name + ": tokens: " + e.getMessage());
                continue;
            }
            Compilation c = ConfigCompiler.compile(set.forTenant(tenant, tokens), guard);
            for (ExcludedObject x : c.config().excluded) {
                problems.add(name + ": " + x.kind + "/" + x.name + " left out (" + x.reason + "): " + x.message);
            }
            tenants.put(name, c.config());
        }
        problems.addAll(RecipientClaims.conflicts(tenants));
        return new LoadedConfig(tenants, problems, !problems.isEmpty());
    }

    @Override
    public String describe() {
        return "directory " + configDir;
    }
}
