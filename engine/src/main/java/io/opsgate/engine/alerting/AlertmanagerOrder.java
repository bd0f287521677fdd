package io.opsgate.engine.alerting;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeSet;

/**
 * Alertmanager's orders of alert groups and of the alerts in a group (its {@code AlertGroups} and
 * {@code AlertSlice} sorts), so the groups API lists them as Alertmanager does. Strings compare by code point,
 * as Go compares UTF-8 bytes.
 */
final class AlertmanagerOrder {
    /** By labels ({@link #BEFORE}), then receiver. */
    static final Comparator<AlertGroupView> GROUPS = (a, b) -> {
        if (a.labels().equals(b.labels())) {
            return codePoints(a.receiver(), b.receiver());
        }
        return before(a.labels(), b.labels()) ? -1 : 1;
    };

    /** By the job label, then instance (an alert with the label first), then labels. */
    static final Comparator<AlertView> ALERTS = (a, b) -> {
        for (String key : new String[]{"job", "instance"}) {
            String x = a.labels().get(key);
            String y = b.labels().get(key);
            if (x == null && y == null) {
                continue;
            }
            if (x == null) {
                return 1;
            }
            if (y == null) {
                return -1;
            }
            int c = codePoints(x, y);
            if (c != 0) {
                return c;
            }
        }
        if (a.labels().equals(b.labels())) {
            return 0;
        }
        return before(a.labels(), b.labels()) ? -1 : 1;
    };

    private AlertmanagerOrder() {
    }

    /**
     * Prometheus' {@code LabelSet.Before}: a smaller set first; else, over the union of names in order, the first
     * name one set lacks (the set lacking it first) or the first differing value decides.
     */
    static boolean before(Map<String, String> a, Map<String, String> b) {
        if (a.size() != b.size()) {
            return a.size() < b.size();
        }
        TreeSet<String> names = new TreeSet<>(AlertmanagerOrder::codePoints);
        names.addAll(a.keySet());
        names.addAll(b.keySet());
        for (String name : names) {
            String x = a.get(name);
            if (x == null) {
                return true;
            }
            String y = b.get(name);
            if (y == null) {
                return false;
            }
            int c = codePoints(x, y);
            if (c != 0) {
                return c < 0;
            }
        }
        return false;
    }

    static int codePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int a = x.codePointAt(i);
            int b = y.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }
}
