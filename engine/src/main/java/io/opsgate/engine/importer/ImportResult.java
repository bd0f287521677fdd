package io.opsgate.engine.importer;

import java.util.List;

/**
 * What an import produced: the objects in the order to apply them (Secrets, NotificationChannels, the
 * routing rules parents first, the inhibit rules), and what did not carry over.
 *
 * @param source    what was imported, for the header of the output
 * @param manifests the objects
 * @param findings  what is not supported or differs, each with its position in the input
 */
public record ImportResult(String source, List<Manifest> manifests, List<Finding> findings) {

    public long count(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).count();
    }

    /** The objects of one kind. */
    public List<Manifest> ofKind(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    /** The multi-document YAML, ready for {@code kubectl apply -f} or a standalone {@code --config-dir}. */
    public String yaml() {
        return ManifestWriter.write(header(), manifests);
    }

    /** The YAML of the objects of some kinds only. */
    public String yaml(List<String> kinds) {
        return ManifestWriter.write(header(), manifests.stream().filter(m -> kinds.contains(m.kind())).toList());
    }

    private List<String> header() {
        List<String> h = new java.util.ArrayList<>();
        h.add("Imported by opsgate from " + source + ".");
        if (!findings.isEmpty()) {
            h.add("Not carried over, or carried over differently (also printed on stderr):");
            findings.forEach(f -> h.add("  " + f));
        }
        return h;
    }
}
