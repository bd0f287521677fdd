package io.opsgate.engine.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mapping read as one of Alertmanager's configuration structs: every key must be a field of it (an
 * unknown key is a problem, as in Alertmanager's strict parsing), values are checked for their type, and
 * each value keeps its position. Problems are collected, not thrown, so one run names them all.
 */
final class YamlMap {
    private static final Set<String> TRUE = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "y", "Y", "on", "On", "ON");
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE", "no", "No", "NO", "n", "N", "off", "Off", "OFF");

    private final YamlNode node;
    private final String what;
    private final Problems problems;

    private YamlMap(YamlNode node, String what, Problems problems) {
        this.node = node;
        this.what = what;
        this.problems = problems;
    }

    /**
     * Reads {@code node} as the struct {@code what} with the given fields; a null node reads as an empty
     * struct, another kind is a problem (and reads as empty).
     */
    static YamlMap of(YamlNode node, String what, Set<String> fields, Problems problems) {
        if (node != null && !node.isNull() && node.kind() != YamlNode.Kind.MAPPING) {
            problems.add(node.position(), what + " must be a mapping, not " + node.describe());
            return new YamlMap(null, what, problems);
        }
        YamlMap m = new YamlMap(node == null || node.isNull() ? null : node, what, problems);
        for (YamlNode.Entry e : m.entries().values()) {
            if (!fields.contains(e.key().text())) {
                problems.add(e.key().position(), "field " + e.key().text() + " not found in " + what);
            }
        }
        return m;
    }

    /** Reads {@code node} as the struct {@code what} without checking its keys (they were checked in another form). */
    static YamlMap unchecked(YamlNode node, String what, Problems problems) {
        return new YamlMap(node, what, problems);
    }

    /** Where the mapping starts. */
    Position position() {
        return node == null ? Position.UNKNOWN : node.position();
    }

    private Map<String, YamlNode.Entry> entries() {
        return node == null ? Map.of() : node.entries();
    }

    /** Whether the key is present with a value other than null. */
    boolean has(String key) {
        YamlNode.Entry e = entries().get(key);
        return e != null && !e.value().isNull();
    }

    /** The value node, or null when absent or null. */
    YamlNode get(String key) {
        YamlNode.Entry e = entries().get(key);
        return e == null || e.value().isNull() ? null : e.value();
    }

    /** Where the key is written, else where the mapping starts. */
    Position at(String key) {
        YamlNode.Entry e = entries().get(key);
        return e == null ? position() : e.key().position();
    }

    /** The keys present with a value, in the order written. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        entries().forEach((k, e) -> {
            if (!e.value().isNull()) {
                keys.add(k);
            }
        });
        return keys;
    }

    /** A string field; any scalar reads as its text, as in yaml.v2. */
    String string(String key) {
        YamlNode v = get(key);
        if (v == null) {
            return null;
        }
        if (v.kind() != YamlNode.Kind.SCALAR) {
            problems.add(v.position(), key + " in " + what + " must be a string, not " + v.describe());
            return null;
        }
        return v.text();
    }

    /** A boolean field (YAML 1.1 spellings, as yaml.v2 reads them); null when absent. */
    Boolean bool(String key) {
        YamlNode v = get(key);
        if (v == null) {
            return null;
        }
        if (v.kind() == YamlNode.Kind.SCALAR && TRUE.contains(v.text())) {
            return true;
        }
        if (v.kind() == YamlNode.Kind.SCALAR && FALSE.contains(v.text())) {
            return false;
        }
        problems.add(v.position(), key + " in " + what + " must be true or false, not " + v.describe());
        return null;
    }

    /** An integer field; null when absent. */
    Integer integer(String key) {
        String s = string(key);
        if (s == null) {
            return null;
        }
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            problems.add(get(key).position(), key + " in " + what + " must be a whole number, not \"" + s + "\"");
            return null;
        }
    }

    /** A list of strings, with each item's node; null when absent. */
    List<YamlNode> stringItems(String key) {
        YamlNode v = get(key);
        if (v == null) {
            return null;
        }
        if (v.kind() != YamlNode.Kind.SEQUENCE) {
            problems.add(v.position(), key + " in " + what + " must be a list, not " + v.describe());
            return null;
        }
        List<YamlNode> result = new ArrayList<>();
        for (YamlNode item : v.items()) {
            if (item.kind() != YamlNode.Kind.SCALAR) {
                problems.add(item.position(), "items of " + key + " in " + what + " must be strings, not " + item.describe());
            } else {
                result.add(item);
            }
        }
        return result;
    }

    /** A list of strings; null when absent. */
    List<String> strings(String key) {
        List<YamlNode> items = stringItems(key);
        return items == null ? null : items.stream().map(YamlNode::text).toList();
    }

    /** A list of mappings read as the struct {@code itemWhat}; empty when absent. */
    List<YamlMap> maps(String key, String itemWhat, Set<String> fields) {
        YamlNode v = get(key);
        if (v == null) {
            return List.of();
        }
        if (v.kind() != YamlNode.Kind.SEQUENCE) {
            problems.add(v.position(), key + " in " + what + " must be a list, not " + v.describe());
            return List.of();
        }
        List<YamlMap> result = new ArrayList<>();
        for (YamlNode item : v.items()) {
            result.add(of(item, itemWhat, fields, problems));
        }
        return result;
    }

    /** A nested struct; null when absent. */
    YamlMap map(String key, String nestedWhat, Set<String> fields) {
        YamlNode v = get(key);
        return v == null ? null : of(v, nestedWhat, fields, problems);
    }

    /** A mapping of strings to strings (match, headers); null when absent. */
    Map<String, Located> stringMap(String key) {
        YamlNode v = get(key);
        if (v == null) {
            return null;
        }
        if (v.kind() != YamlNode.Kind.MAPPING) {
            problems.add(v.position(), key + " in " + what + " must be a mapping, not " + v.describe());
            return null;
        }
        Map<String, Located> result = new LinkedHashMap<>();
        v.entries().forEach((k, e) -> {
            if (e.value().kind() == YamlNode.Kind.SCALAR) {
                result.put(k, new Located(e.value().text(), e.key().position()));
            } else if (e.value().isNull()) {
                result.put(k, new Located("", e.key().position()));
            } else {
                problems.add(e.value().position(), "values of " + key + " in " + what + " must be strings, not "
                        + e.value().describe());
            }
        });
        return result;
    }

    /** A text and where it is written. */
    record Located(String text, Position position) {
    }
}
