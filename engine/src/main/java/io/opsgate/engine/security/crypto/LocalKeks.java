package io.opsgate.engine.security.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * KEKs generated on this machine when none is configured ({@code --kek-dir} absent): one per tenant in
 * {@code <data>/.kek/<tenant>/<id>} (directory 0700, file 0600, 32 random bytes in base64), made at the tenant's
 * first start and deleted by its purge. Weaker than a KMS or a KEK mounted from a Secret: the KEK lies on the same
 * volume as the data, so a copy of the whole volume taken before a purge stays readable; a copy of the tenant's
 * store directory alone does not outlive the purge.
 */
public final class LocalKeks implements KekSource {
    /** The directory under the data directory; a name no tenant (a DNS label) can have. */
    public static final String DIR = ".kek";
    private static final Pattern TENANT = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final Clock clock;

    public LocalKeks(Path dataDir, Clock clock) {
        this.root = dataDir.resolve(DIR);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public synchronized KeyEncryptionKeyProvider forTenant(String tenant) throws IOException {
        Path dir = dir(tenant);
        if (!Files.isDirectory(dir) || empty(dir)) {
            Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            byte[] key = new byte[Aead.KEY_BYTES];
            RANDOM.nextBytes(key);
            Path file = dir.resolve(ID.format(clock.instant()));
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                // made by an earlier start that stopped before writing it: written now
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
        }
        return new FileKekProvider(dir, name());
    }

    @Override
    public synchronized boolean destroy(String tenant) throws IOException {
        Path dir = dir(tenant);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
        return !Files.exists(dir);
    }

    private Path dir(String tenant) {
        if (!TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant name \"" + tenant + "\" is not a DNS label");
        }
        return root.resolve(tenant);
    }

    private static boolean empty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }
}
