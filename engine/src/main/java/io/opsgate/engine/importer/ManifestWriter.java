package io.opsgate.engine.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.UncheckedIOException;
import java.util.List;

/** Writes manifests as one multi-document YAML text, each document with its comments above it. */
final class ManifestWriter {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private ManifestWriter() {
    }

    /** The documents, separated by {@code ---}, with {@code header} lines as a comment at the top. */
    static String write(List<String> header, List<Manifest> manifests) {
        StringBuilder sb = new StringBuilder();
        for (String h : header) {
            sb.append(comment(h));
        }
        for (Manifest m : manifests) {
            sb.append("---\n");
            for (String c : m.comments()) {
                sb.append(comment(c));
            }
            try {
                sb.append(YAML.writeValueAsString(m.object()));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sb.toString();
    }

    private static String comment(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            sb.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        return sb.toString();
    }
}
