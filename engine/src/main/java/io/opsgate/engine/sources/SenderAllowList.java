package io.opsgate.engine.sources;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Senders a mail source takes: exact addresses and {@code *@domain}, case-insensitive; empty takes any. */
final class SenderAllowList {
    private final Set<String> addresses = new HashSet<>();
    private final Set<String> domains = new HashSet<>();

    SenderAllowList(List<String> entries) {
        if (entries != null) {
            for (String e : entries) {
                String lower = e.trim().toLowerCase(Locale.ROOT);
                if (lower.startsWith("*@")) {
                    domains.add(lower.substring(2));
                } else {
                    addresses.add(lower);
                }
            }
        }
    }

    boolean allows(String sender) {
        if (addresses.isEmpty() && domains.isEmpty()) {
            return true;
        }
        if (sender == null || sender.isEmpty()) {
            return false;
        }
        String lower = sender.trim().toLowerCase(Locale.ROOT);
        if (addresses.contains(lower)) {
            return true;
        }
        int at = lower.lastIndexOf('@');
        return at >= 0 && domains.contains(lower.substring(at + 1));
    }
}
