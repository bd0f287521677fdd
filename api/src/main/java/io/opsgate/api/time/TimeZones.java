package io.opsgate.api.time;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** IANA time zones, as Kubernetes CronJobs and Alertmanager locations take them. */
public final class TimeZones {
    private TimeZones() {
    }

    /**
     * Resolves an IANA zone name; null or empty means UTC.
     *
     * @throws IllegalArgumentException for an unknown zone or an offset (which does not follow daylight saving)
     */
    public static ZoneId parse(String name) {
        if (name == null || name.isEmpty() || name.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (!name.contains("/")) {
            // Java accepts "+09:00" or "GMT+9"; Kubernetes only takes IANA names.
            throw new IllegalArgumentException("\"" + name + "\" is not an IANA time zone such as Europe/Berlin");
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("\"" + name + "\" is not an IANA time zone such as Europe/Berlin");
        }
    }
}
