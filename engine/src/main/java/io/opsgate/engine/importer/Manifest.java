package io.opsgate.engine.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One object of the import's output: its YAML as ordered maps (so that an empty list that means
 * something, such as {@code channels: []}, is written as it is), and the comment lines written above it.
 */
public final class Manifest {
    /** The label every imported object carries, so {@code kubectl get -l} finds them all. */
    static final String IMPORTED_FROM = "opsgate.io/imported-from";

    private final String kind;
    private final String name;
    private final Map<String, Object> object;
    private final List<String> comments = new ArrayList<>();

    private Manifest(String kind, String name, Map<String, Object> object) {
        this.kind = kind;
        this.name = name;
        this.object = object;
    }

    /** A new object with apiVersion, kind and metadata; the caller adds the rest. */
    static Manifest of(String apiVersion, String kind, String name, String namespace, String source) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", apiVersion);
        o.put("kind", kind);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", name);
        meta.put("namespace", namespace);
        meta.put("labels", new LinkedHashMap<>(Map.of(IMPORTED_FROM, source)));
        o.put("metadata", meta);
        return new Manifest(kind, name, o);
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /** The object as YAML-ready maps and lists. */
    public Map<String, Object> object() {
        return object;
    }

    public List<String> comments() {
        return comments;
    }

    Manifest comment(String line) {
        comments.add(line);
        return this;
    }

    @SuppressWarnings("unchecked")
    Manifest annotate(String key, String value) {
        Map<String, Object> meta = (Map<String, Object>) object.get("metadata");
        ((Map<String, Object>) meta.computeIfAbsent("annotations", k -> new LinkedHashMap<>())).put(key, value);
        return this;
    }

    /** Sets a top-level section, such as spec or stringData. */
    Manifest put(String key, Object value) {
        object.put(key, value);
        return this;
    }
}
