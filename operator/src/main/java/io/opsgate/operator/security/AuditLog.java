package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.api.audit.ChainKey;
import io.opsgate.api.audit.ChainVerifier;
import io.opsgate.api.audit.HashChain;
import io.opsgate.api.audit.HashChain.Head;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The operator's audit log (ISO/IEC 27017 12.4.1, 12.4.3): one hash-chained JSON line per action on a
 * tenant's objects, appended to a file and echoed to stdout, where the cluster's log collection keeps
 * a copy that outlives the pod. Fields per docs/architecture.md: time (UTC), tenant, object
 * (kind/namespace/name), action, change, reason, then prev and hash.
 *
 * <p>The chain is keyed (HMAC-SHA256 under {@code OPSGATE_AUDIT_KEY_FILE}, the chart's Secret
 * {@code opsgate-audit-key}, which tenants cannot read), so nobody without the key can rewrite it and recompute the
 * hashes; {@code verify-log --key=<file>} checks it. Without a key file the chain is plain SHA-256 (a warning says
 * so). A process continues the chain of the file it finds (a container restart keeps the emptyDir) if it verifies
 * under the key; a file that does not verify is moved aside, never appended to, and a new chain starts. The head
 * moves only once a line is written, so a failed write leaves no gap.
 * Only the leader reconciles, so only the leader writes; each pod has its own file and chain
 * (docs/iso27017.md, "The audit chain across leader changes").
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final Clock clock;
    private final PrintStream echo;
    private final HashChain chain;
    private final Writer out;
    private Head head;

    private AuditLog(Path file, Clock clock, PrintStream echo, HashChain chain, Head head, Writer out) {
        this.file = file;
        this.clock = clock;
        this.echo = echo;
        this.chain = chain;
        this.head = head;
        this.out = out;
    }

    /**
     * Opens (or creates) the log at {@code file}.
     *
     * @param key  the chain's key ({@link ChainKey#NONE}: plain SHA-256)
     * @param echo where each line is echoed as well (stdout in production), or null
     */
    public static AuditLog open(Path file, ChainKey key, Clock clock, PrintStream echo) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (!key.keyed()) {
                LOG.warn("the audit log {} is chained with plain SHA-256: set {} to a key file so that it cannot be "
                        + "rewritten by anyone who can write the file", file, SecuritySettings.AUDIT_KEY_FILE);
            }
            Head last = Head.START;
            if (Files.exists(file)) {
                ChainVerifier.Result existing;
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    existing = ChainVerifier.verify(r, key);
                }
                if (existing.ok() && existing.hashes() != ChainVerifier.Hashes.NOT_CHECKED) {
                    last = existing.head();
                } else {
                    Path aside = file.resolveSibling(file.getFileName() + ".broken-" + clock.millis());
                    Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
                    LOG.error("audit log {} does not verify ({}); moved to {}, starting a new chain", file, existing, aside);
                }
            }
            Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return new AuditLog(file, clock, echo, new HashChain(key), last, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + file + " (OPSGATE_AUDIT_LOG)", e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one entry and returns the line written.
     *
     * @param object kind/namespace/name of the object acted on
     * @param action created, updated, restored, deleted, purged, rotated, issued, ...
     * @param change what changed, in words
     * @param reason why the operator did it
     */
    public synchronized String record(String tenant, String object, String action, String change, String reason) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("time", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        entry.put("tenant", tenant);
        entry.put("object", object);
        entry.put("action", action);
        entry.put("change", change);
        entry.put("reason", reason);
        HashChain.Link link = chain.seal(head, entry);
        String line = link.line();
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + file, e);
        }
        head = link.head();
        if (echo != null) {
            echo.println(line);
        }
        return line;
    }

    /** The latest entry's number and hash: the head of the chain. */
    public synchronized Head head() {
        return head;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("closing the audit log {}: {}", file, e.getMessage());
        }
    }
}
