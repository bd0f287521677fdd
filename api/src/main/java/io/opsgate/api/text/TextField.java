package io.opsgate.api.text;

import java.util.Locale;

/** The parts of an alert a text condition can look at. */
public enum TextField {
    SUBJECT, BODY, FROM, SUMMARY, DESCRIPTION;

    /** The name used in conditions, e.g. {@code subject}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The field of that name, or null. */
    public static TextField of(String name) {
        for (TextField f : values()) {
            if (f.key().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
