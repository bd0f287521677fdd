package io.opsgate.api.text;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code {{label}}} placeholders in AlertSource names and dedup keys. Deliberately no logic. */
public final class LabelTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private LabelTemplates() {
    }

    /** Checks every placeholder names a label; throws naming the bad one. */
    public static void check(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!LABEL.matcher(m.group(1)).matches()) {
                throw new IllegalArgumentException("placeholder {{" + m.group(1) + "}} at position " + (m.start() + 1)
                        + " is not a label name");
            }
        }
        int open = template.indexOf("{{");
        int stray = template.replaceAll("\\{\\{\\s*[^{}]*?\\s*}}", "").indexOf("{{");
        if (open >= 0 && stray >= 0) {
            throw new IllegalArgumentException("unclosed {{ in \"" + template + "\"");
        }
    }

    /** Replaces placeholders with label values; a missing label becomes the empty string. */
    public static String render(String template, Map<String, String> labels) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = labels.getOrDefault(m.group(1), "");
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
