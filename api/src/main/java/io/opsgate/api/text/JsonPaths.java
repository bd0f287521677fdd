package io.opsgate.api.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Paths into a JSON document as AlertSources write them: a JSON Pointer ({@code /alarm/name}) or the
 * simple JSONPath most tool docs use ({@code $.alarm.name}, {@code $.records[0]['event name']}),
 * turned into one JSON Pointer. Filters and wildcards are refused: a field maps to one value.
 */
public final class JsonPaths {
    private JsonPaths() {
    }

    /**
     * Converts to a JSON Pointer.
     *
     * @throws IllegalArgumentException naming the position of what is not supported
     */
    public static String toPointer(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        if (path.startsWith("/")) {
            return path;
        }
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("\"" + path + "\" is neither a JSON Pointer (/a/b) nor a JSONPath ($.a.b)");
        }
        List<String> segments = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
                    i++;
                }
                String name = path.substring(start, i);
                if (name.isEmpty() || name.equals("*")) {
                    throw new IllegalArgumentException("at position " + start + " of \"" + path + "\": expected a field name");
                }
                segments.add(name);
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("at position " + (i + 1) + " of \"" + path + "\": [ is not closed");
                }
                String inner = path.substring(i + 1, close).trim();
                if (inner.matches("[0-9]+")) {
                    segments.add(inner);
                } else if (inner.length() >= 2 && (inner.startsWith("'") && inner.endsWith("'")
                        || inner.startsWith("\"") && inner.endsWith("\""))) {
                    segments.add(inner.substring(1, inner.length() - 1));
                } else {
                    throw new IllegalArgumentException("at position " + (i + 1) + " of \"" + path
                            + "\": only [index] and ['name'] are supported");
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("at position " + (i + 1) + " of \"" + path + "\": expected . or [");
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append('/').append(s.replace("~", "~0").replace("/", "~1"));
        }
        return sb.length() == 0 ? "" : sb.toString();
    }
}
