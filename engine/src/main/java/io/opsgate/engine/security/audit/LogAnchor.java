package io.opsgate.engine.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsgate.api.audit.ChainKey;
import io.opsgate.api.audit.HashChain.Head;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where a tenant's kept log lines start, recorded outside the log ({@code anchor.json} beside it) each time
 * retention prunes it: the number and hash of the last removed entry, MACed with the chain's key. Without it a log
 * whose first lines were dropped would look pruned; with it the verifier knows where the log must start. A missing
 * record means nothing was ever pruned. Retention moves the anchor and the count of removed entries together: the
 * anchor's number is that count.
 */
final class LogAnchor {
    static final String FILE = "anchor.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The recorded anchor.
     *
     * @param anchor  where the kept lines start ({@link Head#START} when none is recorded)
     * @param problem why the record cannot be trusted, or null
     */
    record Recorded(Head anchor, String problem) {
    }

    private LogAnchor() {
    }

    static Recorded read(Path dir, ChainKey key) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return new Recorded(Head.START, null);
        }
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(file));
            Head anchor = new Head(n.path("seq").asLong(-1), n.path("hash").asText(""));
            if (anchor.seq() < 0 || !key.hash(text(anchor)).equals(n.path("mac").asText())) {
                return new Recorded(Head.START, "the recorded anchor " + file + " does not verify under the chain's key");
            }
            return new Recorded(anchor, null);
        } catch (IOException e) {
            return new Recorded(Head.START, "the recorded anchor " + file + " is unreadable");
        }
    }

    /** Records a new anchor durably (written aside, forced, then moved over the old record). */
    static void write(Path dir, ChainKey key, Head anchor) throws IOException {
        Path file = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".tmp");
        byte[] bytes = JSON.writeValueAsBytes(JSON.createObjectNode().put("seq", anchor.seq()).put("hash", anchor.hash())
                .put("mac", key.hash(text(anchor))));
        Files.write(tmp, bytes);
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String text(Head anchor) {
        return "opsgate access-log anchor " + anchor;
    }
}
