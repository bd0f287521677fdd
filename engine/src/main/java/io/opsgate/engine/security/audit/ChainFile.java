package io.opsgate.engine.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.api.audit.ChainVerifier;
import io.opsgate.api.audit.HashChain;
import io.opsgate.api.audit.HashChain.Head;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One tenant's access log file. A line is {@code {"time", "data", "seq", "prev", "hash"}}: the time in clear (for
 * retention and {@code since}), the entry itself sealed under the tenant's data key ({@code data}, base64, bound to
 * the line's number), and the chain's fields MACed with the tenant's log key. The head moves only after its lines
 * are on disk; a failed append is cut back off the file, so the chain never has a gap or a torn line. Not
 * thread-safe: {@link AccessLog} serialises every call.
 */
final class ChainFile implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final LogKeys keys;
    private final Path path;
    private final HashChain chain;
    private final LogSink.Opener opener;
    private LogSink sink;
    private Head head;
    private Head anchor;
    private String anchorProblem;
    private long entries;
    private Instant oldest;
    private Set<Integer> keyNumbers = new HashSet<>();

    /**
     * What one pruning removed.
     *
     * @param removed how many entries
     * @param anchor  the new anchor: the last removed entry
     */
    record Pruned(long removed, Head anchor) {
    }

    private ChainFile(Path path, LogKeys keys, LogSink.Opener opener) {
        this.path = path;
        this.keys = keys;
        this.chain = new HashChain(keys.chainKey());
        this.opener = opener;
    }

    /**
     * Opens a tenant's log: cuts off a torn last line (a crash in mid-write), converts a log of the previous,
     * unkeyed and unsealed format, and reads where the chain stands.
     *
     * @param converted told of the conversion of a log of the previous format (its entries, head and whether it
     *                  verified), to be recorded as the first entry of the converted log
     */
    static ChainFile open(Path path, LogKeys keys, LogSink.Opener opener, EarlierFormat.Note converted)
            throws IOException {
        Files.createDirectories(path.getParent());
        ChainFile f = new ChainFile(path, keys, opener);
        if (Files.exists(path)) {
            cutTornTail(path);
            EarlierFormat.convertIfEarlier(path, f.chain, keys, converted);
        }
        LogAnchor.Recorded recorded = LogAnchor.read(path.getParent(), keys.chainKey());
        f.anchor = recorded.anchor();
        f.anchorProblem = recorded.problem();
        f.head = f.anchor;
        f.scan();
        f.sink = opener.open(path);
        return f;
    }

    /** Seals the entries after the head and appends them in one write; the head moves only once they are on disk. */
    void append(List<ObjectNode> batch) throws IOException {
        StringBuilder lines = new StringBuilder();
        Head h = head;
        Set<Integer> used = new HashSet<>();
        for (ObjectNode entry : batch) {
            HashChain.Link link = sealLine(chain, keys, h, entry, used);
            lines.append(link.line()).append('\n');
            h = link.head();
        }
        long before = sink.size();
        try {
            sink.append(lines.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            try {
                sink.truncate(before);
            } catch (IOException cut) {
                e.addSuppressed(cut);
            }
            throw e;
        }
        if (entries == 0 && !batch.isEmpty()) {
            oldest = Instant.parse(batch.get(0).path("time").asText());
        }
        head = h;
        entries += batch.size();
        keyNumbers.addAll(used);
    }

    /**
     * Removes the entries older than {@code cutoff} from the start. The new anchor is recorded first, then the file
     * replaced, so a crash between the two leaves old lines before the anchor, which verify, never a gap.
     *
     * @return what was removed, or null when nothing was old enough
     */
    Pruned prune(Instant cutoff) throws IOException {
        if (oldest == null || !oldest.isBefore(cutoff)) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        Head last = null;
        long removed = 0;
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            JsonNode n = JSON.readTree(line);
            if (kept.isEmpty() && Instant.parse(n.path("time").asText()).isBefore(cutoff)) {
                last = new Head(n.path("seq").asLong(), n.path("hash").asText());
                removed++;
            } else {
                kept.add(line);
            }
        }
        if (last == null) {
            return null;
        }
        sink.close();
        LogAnchor.write(path.getParent(), keys.chainKey(), last);
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.write(tmp, kept, StandardCharsets.UTF_8);
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        anchor = last;
        anchorProblem = null;
        scan();
        sink = opener.open(path);
        return new Pruned(removed, last);
    }

    /**
     * Verifies the file under the chain's key against the recorded anchor, a checkpoint recorded outside (or null),
     * and the head this process wrote.
     */
    ChainVerifier.Result verify(Head checkpoint) throws IOException {
        ChainVerifier.Result r;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            r = ChainVerifier.verify(in, keys.chainKey(), new ChainVerifier.Expected(anchor, checkpoint));
        }
        if (anchorProblem != null) {
            return failed(r, anchorProblem);
        }
        if (r.ok() && !r.head().equals(head)) {
            return failed(r, "the file ends at entry " + r.head().seq() + " but this process wrote up to entry " + head.seq()
                    + ": lines were cut off or replaced while it ran");
        }
        return r;
    }

    /** Entries at or after {@code since}, oldest first, at most {@code limit}, decrypted, with their chain fields. */
    List<JsonNode> read(Instant since, int limit) throws IOException {
        List<JsonNode> result = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            while (result.size() < limit && (line = r.readLine()) != null) {
                JsonNode n = JSON.readTree(line);
                if (since != null && Instant.parse(n.path("time").asText()).isBefore(since)) {
                    continue;
                }
                long seq = n.path("seq").asLong();
                ObjectNode entry;
                try {
                    entry = (ObjectNode) JSON.readTree(keys.open(Base64.getDecoder().decode(n.path("data").asText()),
                            associated(seq)));
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    entry = JSON.createObjectNode().put("time", n.path("time").asText())
                            .put("error", "this entry cannot be decrypted: " + e.getMessage());
                }
                entry.put("seq", seq);
                entry.put("prev", n.path("prev").asText());
                entry.put("hash", n.path("hash").asText());
                result.add(entry);
            }
        }
        return result;
    }

    AccessLog.Stats stats() {
        return new AccessLog.Stats(entries, head, anchor, oldest);
    }

    /** The numbers of the data keys the kept lines were sealed with. */
    Set<Integer> keyNumbers() {
        return Set.copyOf(keyNumbers);
    }

    @Override
    public void close() {
        try {
            sink.close();
        } catch (IOException e) {
            // nothing was pending: every append forced its bytes
        }
    }

    /** Reads where the chain stands: head, count, oldest time, data keys in use. */
    private void scan() throws IOException {
        entries = 0;
        oldest = null;
        keyNumbers = new HashSet<>();
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                if (entries == 0) {
                    oldest = Instant.parse(n.path("time").asText());
                }
                head = new Head(n.path("seq").asLong(), n.path("hash").asText());
                String data = n.path("data").asText("");
                if (data.length() >= 8) {
                    keyNumbers.add(keys.keyNumber(Base64.getDecoder().decode(data.substring(0, 8))));
                }
                entries++;
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // no file yet
        }
    }

    /** The line of {@code entry} after {@code after}: content sealed under the data key, chain fields MACed. */
    static HashChain.Link sealLine(HashChain chain, LogKeys keys, Head after, ObjectNode entry, Set<Integer> keyNumbers)
            throws IOException {
        byte[] sealed = keys.seal(JSON.writeValueAsBytes(entry), associated(after.seq() + 1));
        keyNumbers.add(keys.keyNumber(sealed));
        ObjectNode line = JSON.createObjectNode();
        line.put("time", entry.path("time").asText());
        line.put("data", Base64.getEncoder().encodeToString(sealed));
        return chain.seal(after, line);
    }

    static byte[] associated(long seq) {
        return ("log:access/" + seq).getBytes(StandardCharsets.US_ASCII);
    }

    private static ChainVerifier.Result failed(ChainVerifier.Result r, String problem) {
        return new ChainVerifier.Result(false, r.entries(), r.anchor(), r.head(), 0, problem, r.hashes(), r.checkpoint());
    }

    /** A crash in mid-write can leave a last line without its newline: it was never acknowledged, so it goes. */
    private static void cutTornTail(Path path) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            long end = f.length();
            long keep = end;
            while (keep > 0) {
                f.seek(keep - 1);
                if (f.read() == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < end) {
                f.setLength(keep);
                f.getFD().sync();
            }
        }
    }
}
