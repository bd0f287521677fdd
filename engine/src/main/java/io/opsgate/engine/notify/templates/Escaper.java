package io.opsgate.engine.notify.templates;

import java.io.IOException;
import java.io.Writer;

/** How a rendered value is escaped for where the text goes; template text itself is never escaped. */
public enum Escaper {
    /** Plain text, and text that a JSON encoder escapes afterwards (webhook, Teams, PagerDuty, mail text). */
    NONE,
    /** HTML (the mail's HTML part). */
    HTML,
    /** Slack mrkdwn: only {@code & < >} are control characters there. */
    SLACK;

    void write(String value, Writer w) throws IOException {
        if (value == null) {
            return;
        }
        if (this == NONE) {
            w.write(value);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> w.write("&amp;");
                case '<' -> w.write("&lt;");
                case '>' -> w.write("&gt;");
                case '"' -> w.write(this == HTML ? "&quot;" : "\"");
                case '\'' -> w.write(this == HTML ? "&#39;" : "'");
                default -> w.write(c);
            }
        }
    }
}
