package io.opsgate.engine.security.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting a directory tree and counting what it held. */
public final class Trees {
    private Trees() {
    }

    /** Deletes {@code dir} with everything below it; returns the bytes of the files removed (0 when absent). */
    public static long delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        long bytes = 0;
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            if (Files.isRegularFile(p)) {
                bytes += Files.size(p);
            }
            Files.delete(p);
        }
        return bytes;
    }
}
