package io.opsgate.engine.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Alertmanager configurations of examples/alertmanager, which the build copies into the test classpath. */
final class Corpus {
    private Corpus() {
    }

    /** The directory of the corpus on the test classpath. */
    static Path dir() {
        URL url = Corpus.class.getClassLoader().getResource("alertmanager/examples");
        if (url == null) {
            throw new IllegalStateException("alertmanager/examples is not on the test classpath (see engine/pom.xml)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every configuration of the corpus. */
    static List<Path> configs() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports a corpus configuration for tenant acme. */
    static ImportResult importOf(Path config) throws ImportFailure {
        return AlertmanagerImport.fromAlertmanagerYaml(read(config), config.getParent(), config.getFileName().toString(),
                ImportOptions.forTenant("acme"));
    }
}
