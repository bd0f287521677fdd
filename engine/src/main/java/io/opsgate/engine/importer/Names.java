package io.opsgate.engine.importer;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Object names for the import: lower-case DNS names from free text, unique per kind. */
final class Names {
    private static final int MAX_SLUG = 40;
    private final Set<String> taken = new HashSet<>();

    /** Text as a DNS label part: lower case, runs of other characters as one dash, trimmed. */
    static String slug(String text) {
        String s = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (s.length() > MAX_SLUG) {
            s = s.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "x" : s;
    }

    /** {@code base}, or {@code base-2}, {@code base-3}, ... when taken. */
    String unique(String base) {
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }
}
