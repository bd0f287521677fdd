package io.opsgate.engine.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.api.audit.ChainKey;
import io.opsgate.api.audit.HashChain;
import io.opsgate.api.audit.HashChain.Head;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The access log of the previous version: entries in clear, chained with plain SHA-256, no entry numbers. On its
 * first open by this version it is verified by its own rules and written again in today's form (sealed, numbered,
 * keyed), a first entry recording how many entries it held, its head and whether it verified; the clear file is
 * replaced, so no plaintext entry stays on disk.
 */
final class EarlierFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Makes the entry that records the conversion (an engine action with this detail). */
    @FunctionalInterface
    interface Note {
        ObjectNode entry(String detail);
    }

    private EarlierFormat() {
    }

    static void convertIfEarlier(Path path, HashChain chain, LogKeys keys, Note note) throws IOException {
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        if (lines.isEmpty() || JSON.readTree(lines.get(0)).has("seq")) {
            return;
        }
        List<ObjectNode> entries = new ArrayList<>();
        String prev = null;
        String problem = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String claimed = HashChain.claimedHash(line);
            String body = HashChain.unsealed(line);
            JsonNode node = JSON.readTree(body);
            if (problem == null) {
                if (claimed == null || !ChainKey.NONE.hash(body).equals(claimed)) {
                    problem = "line " + (i + 1) + " does not match its hash";
                } else if (prev != null && !prev.equals(node.path("prev").asText())) {
                    problem = "line " + (i + 1) + " does not follow line " + i;
                }
            }
            ObjectNode entry = (ObjectNode) node;
            entry.remove("prev");
            entries.add(entry);
            prev = claimed;
        }
        String detail = "converted " + entries.size() + " entries of the earlier unkeyed, unsealed format (head " + prev
                + (problem == null ? "; its chain verified" : "; its chain did NOT verify: " + problem)
                + "); sealed and keyed from here on";
        entries.add(0, note.entry(detail));
        StringBuilder out = new StringBuilder();
        Head h = Head.START;
        for (ObjectNode e : entries) {
            HashChain.Link link = ChainFile.sealLine(chain, keys, h, e, new HashSet<>());
            out.append(link.line()).append('\n');
            h = link.head();
        }
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
