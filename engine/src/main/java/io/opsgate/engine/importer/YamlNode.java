package io.opsgate.engine.importer;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it starts, read with SnakeYAML's composer rather than into plain
 * objects, so that every problem can be reported with its line and column. Merge keys ({@code <<}) are
 * resolved as Go's yaml.v2 (Alertmanager's parser) does; a key given twice is a problem, as in its strict mode.
 */
final class YamlNode {
    /** What a node holds. */
    enum Kind { MAPPING, SEQUENCE, SCALAR, NULL }

    /** A key and its value, both with their positions. */
    record Entry(YamlNode key, YamlNode value) {
    }

    private static final int MAX_DEPTH = 64;

    private final Kind kind;
    private final Position position;
    private final String text;
    private final List<YamlNode> items;
    private final Map<String, Entry> entries;

    private YamlNode(Kind kind, Position position, String text, List<YamlNode> items, Map<String, Entry> entries) {
        this.kind = kind;
        this.position = position;
        this.text = text;
        this.items = items;
        this.entries = entries;
    }

    /**
     * Reads the documents of a text; an empty document is a {@link Kind#NULL} node.
     *
     * @throws ImportFailure when it is not YAML, with the position the parser stopped at
     */
    static List<YamlNode> parseAll(String text) throws ImportFailure {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(100);
        Problems problems = new Problems();
        List<YamlNode> docs = new ArrayList<>();
        try {
            for (Node n : new Yaml(options).composeAll(new StringReader(text))) {
                docs.add(convert(n, problems, 0));
            }
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ImportFailure(position(m), "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ImportFailure(Position.UNKNOWN, "not valid YAML: " + e.getMessage());
        }
        problems.throwIfAny();
        if (docs.isEmpty()) {
            docs.add(new YamlNode(Kind.NULL, new Position(1, 1), null, List.of(), Map.of()));
        }
        return docs;
    }

    /** Reads a text that holds one document. */
    static YamlNode parse(String text) throws ImportFailure {
        List<YamlNode> docs = parseAll(text);
        if (docs.size() > 1) {
            throw new ImportFailure(docs.get(1).position(), "expected one YAML document, found " + docs.size());
        }
        return docs.get(0);
    }

    private static Position position(Mark m) {
        return m == null ? Position.UNKNOWN : new Position(m.getLine() + 1, m.getColumn() + 1);
    }

    private static YamlNode convert(Node n, Problems problems, int depth) {
        Position at = position(n.getStartMark());
        if (depth > MAX_DEPTH) {
            problems.add(at, "nested more than " + MAX_DEPTH + " levels deep");
            return new YamlNode(Kind.NULL, at, null, List.of(), Map.of());
        }
        if (n instanceof ScalarNode s) {
            if (Tag.NULL.equals(s.getTag())) {
                return new YamlNode(Kind.NULL, at, null, List.of(), Map.of());
            }
            return new YamlNode(Kind.SCALAR, at, s.getValue(), List.of(), Map.of());
        }
        if (n instanceof SequenceNode seq) {
            List<YamlNode> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(convert(item, problems, depth + 1));
            }
            return new YamlNode(Kind.SEQUENCE, at, null, Collections.unmodifiableList(items), Map.of());
        }
        MappingNode map = (MappingNode) n;
        Map<String, Entry> explicit = new LinkedHashMap<>();
        List<YamlNode> merged = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            YamlNode key = convert(t.getKeyNode(), problems, depth + 1);
            YamlNode value = convert(t.getValueNode(), problems, depth + 1);
            if (Tag.MERGE.equals(t.getKeyNode().getTag())) {
                merged.add(value);
                continue;
            }
            if (key.kind != Kind.SCALAR) {
                problems.add(key.position, "a key must be a plain value");
                continue;
            }
            Entry first = explicit.putIfAbsent(key.text, new Entry(key, value));
            if (first != null) {
                problems.add(key.position, "key \"" + key.text + "\" is already set in this mapping (" + first.key().position + ")");
            }
        }
        Map<String, Entry> entries = new LinkedHashMap<>(explicit);
        for (YamlNode m : merged) {
            // As yaml.v2: keys written in the mapping win, and earlier merged mappings win over later ones.
            List<YamlNode> sources = m.kind == Kind.SEQUENCE ? m.items : List.of(m);
            for (YamlNode source : sources) {
                if (source.kind != Kind.MAPPING) {
                    problems.add(source.position, "a merge key (<<) takes a mapping or a list of mappings");
                    continue;
                }
                source.entries.forEach(entries::putIfAbsent);
            }
        }
        return new YamlNode(Kind.MAPPING, at, null, List.of(), Collections.unmodifiableMap(entries));
    }

    /** A scalar built by a reader that translates another format, placed where its source was. */
    static YamlNode scalar(String text, Position at) {
        return new YamlNode(Kind.SCALAR, at, text, List.of(), Map.of());
    }

    /** A mapping built by a reader that translates another format. */
    static YamlNode mapping(Map<String, YamlNode> values, Position at) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        values.forEach((k, v) -> entries.put(k, new Entry(scalar(k, v.position), v)));
        return new YamlNode(Kind.MAPPING, at, null, List.of(), Collections.unmodifiableMap(entries));
    }

    Kind kind() {
        return kind;
    }

    Position position() {
        return position;
    }

    /** The text of a scalar; null for other kinds. */
    String text() {
        return text;
    }

    /** The items of a sequence; empty for other kinds. */
    List<YamlNode> items() {
        return items;
    }

    /** The entries of a mapping in the order written; empty for other kinds. */
    Map<String, Entry> entries() {
        return entries;
    }

    boolean isNull() {
        return kind == Kind.NULL;
    }

    /** The kind as a user reads it in an error message. */
    String describe() {
        return switch (kind) {
            case MAPPING -> "a mapping";
            case SEQUENCE -> "a list";
            case SCALAR -> "\"" + text + "\"";
            case NULL -> "nothing";
        };
    }
}
