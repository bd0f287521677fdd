package io.opsgate.engine.tickets;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ticket titles: the rule's template with {@code {{labels.x}}} and {@code {{annotations.x}}} filled in,
 * else the summary annotation, else the alertname.
 */
public final class TicketTitles {
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*(labels|annotations)\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private TicketTitles() {
    }

    public static String title(String template, Map<String, String> labels, Map<String, String> annotations) {
        if (template == null || template.isBlank()) {
            String summary = annotations.get("summary");
            if (summary != null && !summary.isBlank()) {
                return summary;
            }
            return labels.getOrDefault("alertname", "alert");
        }
        Matcher m = VARIABLE.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Map<String, String> source = m.group(1).equals("labels") ? labels : annotations;
            m.appendReplacement(sb, Matcher.quoteReplacement(source.getOrDefault(m.group(2), "")));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
