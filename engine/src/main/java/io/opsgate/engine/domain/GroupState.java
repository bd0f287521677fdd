package io.opsgate.engine.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What was last notified for an alert group, as Alertmanager's notification log keeps it, so a
 * restart neither repeats nor forgets a notification.
 */
public final class GroupState {
    public String key;
    public String rule;
    /** Epoch milliseconds of the last notification; 0 when none was sent. */
    public long lastNotifiedAt;
    public List<String> firing = new ArrayList<>();
    public List<String> resolved = new ArrayList<>();
}
