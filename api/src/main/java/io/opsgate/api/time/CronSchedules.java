package io.opsgate.api.time;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/** Cron schedules as Kubernetes CronJobs take them: five fields, or a macro such as @hourly. */
public final class CronSchedules {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    private CronSchedules() {
    }

    /**
     * Parses a schedule.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Cron parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty cron expression");
        }
        String t = text.trim();
        if (t.startsWith("TZ=") || t.startsWith("CRON_TZ=")) {
            throw new IllegalArgumentException("put the time zone in timeZone, not in the cron expression");
        }
        String expanded = MACROS.getOrDefault(t, t);
        if (expanded.startsWith("@")) {
            throw new IllegalArgumentException("unknown macro \"" + t + "\"; use @yearly, @monthly, @weekly, @daily "
                    + "or @hourly");
        }
        if (expanded.split("\\s+").length != 5) {
            throw new IllegalArgumentException("\"" + t + "\" needs five fields: minute hour day-of-month month "
                    + "day-of-week");
        }
        try {
            return PARSER.parse(expanded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + t + "\" is not a valid cron expression: " + e.getMessage());
        }
    }

    /** The first execution strictly after {@code after}. */
    public static Optional<ZonedDateTime> next(Cron cron, ZonedDateTime after) {
        return ExecutionTime.forCron(cron).nextExecution(after);
    }
}
