package io.opsgate.helm;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository's CRDs (crds/), the source of truth for which kinds exist. */
final class Crds {

    private Crds() {
    }

    static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> all() {
        List<JsonNode> out = new ArrayList<>();
        for (Path f : files(Chart.repoRoot().resolve("crds"))) {
            try {
                out.add(Chart.tree(Files.readString(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static List<String> plurals() {
        return all().stream().map(c -> c.path("spec").path("names").path("plural").asText()).toList();
    }

    static List<String> kinds() {
        return all().stream().map(c -> c.path("spec").path("names").path("kind").asText()).toList();
    }
}
