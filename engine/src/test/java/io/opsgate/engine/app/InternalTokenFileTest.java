package io.opsgate.engine.app;

import io.opsgate.engine.notify.delivery.NotifySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Standalone's internal token is the key to purge, evidence and notices: it must never be readable by another
 * user, not even for the moment between creating the file and restricting it.
 */
class InternalTokenFileTest {

    @TempDir
    Path root;

    @Test
    void theTokenFileIsNeverSeenWithMoreThanOwnerPermissionsNorHalfWritten() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 300 && seen.isEmpty(); i++) {
            Path data = Files.createDirectories(root.resolve("data-" + i));
            Options options = Options.parse("standalone", "--config-dir=" + root, "--secrets-dir=" + root.resolve("s"),
                    "--data=" + data, "--listen=127.0.0.1:0", "--smtp-listen=off");
            AtomicBoolean done = new AtomicBoolean();
            Thread watcher = new Thread(() -> {
                while (!done.get()) {
                    look(data, seen);
                }
            });
            watcher.start();
            Path file = InternalTokenFile.of(options, new NotifySettings(null, root.resolve("absent"), 3, null));
            done.set(true);
            watcher.join();
            assertThat(file).isEqualTo(data.resolve("internal-token"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Files.readString(file)).hasSize(43);
        }
        assertThat(seen).as("files seen while the token was written").isEmpty();
    }

    private static void look(Path dir, List<String> seen) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                try {
                    Set<PosixFilePermission> p = Files.getPosixFilePermissions(f);
                    long size = Files.size(f);
                    boolean open = p.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"));
                    if (open || (f.getFileName().toString().equals("internal-token") && size != 43)) {
                        seen.add(f.getFileName() + " " + PosixFilePermissions.toString(p) + " " + size + " bytes");
                    }
                } catch (NoSuchFileException gone) {
                    // renamed or removed between listing and looking
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
