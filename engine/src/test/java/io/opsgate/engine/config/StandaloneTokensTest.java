package io.opsgate.engine.config;

import io.opsgate.api.config.ManifestReader;
import io.opsgate.api.config.ManifestSet;
import io.opsgate.api.v1alpha1.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Tenant's token Secret names a directory under the secrets directory in standalone; it may never lead out. */
class StandaloneTokensTest {
    static final String HOSTILE = """
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: acme}
            spec:
              apiTokens:
                - {name: ci, secretName: ../../escaped}
            """;

    @TempDir
    Path root;

    @Test
    void aSecretNameThatClimbsOutOfTheSecretsDirectoryIsRefusedAndNothingIsWrittenOutside() throws Exception {
        Path config = Files.createDirectories(root.resolve("config"));
        Path secrets = Files.createDirectories(root.resolve("work").resolve("secrets"));
        Files.writeString(config.resolve("acme.yaml"), HOSTILE);

        LoadedConfig loaded = new DirectorySource(config, secrets, io.opsgate.api.egress.EgressGuard.standalone(io.opsgate.api.egress.EgressGuard.PRIVATE_NETWORKS)).load();

        assertThat(loaded.problems()).anySatisfy(p -> assertThat(p).contains("spec.apiTokens[0].secretName"));
        assertThat(filesUnder(root)).allSatisfy(f -> assertThat(f).startsWith(secrets.toString()).doesNotContain("escaped"));
    }

    @Test
    void theTokenFilesStayInsideTheTenantsDirectoryEvenWhenTheValidatorWasSkipped() throws Exception {
        Path secrets = Files.createDirectories(root.resolve("work").resolve("secrets"));
        ManifestSet set = new ManifestSet();
        ManifestReader.read("acme.yaml", HOSTILE, set);
        Tenant tenant = set.tenants.get(0);

        assertThatThrownBy(() -> StandaloneTokens.ensure(secrets, tenant)).hasMessageContaining("secretName");
        assertThat(filesUnder(root)).isEmpty();
    }

    private static java.util.List<String> filesUnder(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".yaml")).map(Path::toString).toList();
        }
    }
}
