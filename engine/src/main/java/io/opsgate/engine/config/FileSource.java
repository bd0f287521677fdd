package io.opsgate.engine.config;

import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.CompiledConfigCodec;
import io.opsgate.api.config.ExcludedObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cluster's source: the compiled configuration the operator writes into a Secret, mounted as a file.
 * Kubernetes swaps a mounted Secret by replacing a symlink, so the file is polled by content time and
 * size. Objects the operator excluded are reported but do not refuse the document: the operator already
 * left them out on purpose.
 */
public final class FileSource implements ConfigSource {
    private final Path file;

    public FileSource(Path file) {
        this.file = file;
    }

    @Override
    public String version() {
        try {
            Path real = file.toRealPath();
            return real + ":" + Files.size(real) + ":" + Files.getLastModifiedTime(real).toMillis();
        } catch (IOException e) {
            return "missing:" + e.getMessage();
        }
    }

    @Override
    public LoadedConfig load() {
        List<String> problems = new ArrayList<>();
        try {
            CompiledConfig config = CompiledConfigCodec.read(Files.readAllBytes(file));
            for (ExcludedObject x : config.excluded) {
                problems.add(config.tenant + ": " + x.kind + "/" + x.name + " left out by the operator (" + x.reason
                        + "): " + x.message);
            }
            return new LoadedConfig(Map.of(config.tenant, config), problems, false);
        } catch (IOException | RuntimeException e) {
            problems.add(file + ": " + e.getMessage());
            return new LoadedConfig(Map.of(), problems, true);
        }
    }

    @Override
    public String describe() {
        return "file " + file;
    }
}
