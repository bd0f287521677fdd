package io.opsgate.engine.ruletest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the pipeline did with one alert of a rule test.
 *
 * @param ticket    the priority of the ticket the alert is on, or {@code none}
 * @param channels  the channels its notify rules route it to (as amtool's routes test: also when it is muted)
 * @param groupKeys the aggregation groups it is in
 */
public record Outcome(boolean dropped, String ticket, List<String> channels, boolean silenced, boolean inhibited,
                      List<String> groupKeys) {

    /** The fields the expectation names whose value differs, as {@code field: exp X, got Y}; empty when it holds. */
    public List<String> differences(RuleTestFile.Expectation exp) {
        List<String> diff = new ArrayList<>();
        if (exp == null) {
            return diff;
        }
        compare(diff, "dropped", exp.dropped, dropped);
        compare(diff, "ticket", exp.ticket, ticket);
        compare(diff, "channels", exp.channels, channels);
        compare(diff, "silenced", exp.silenced, silenced);
        compare(diff, "inhibited", exp.inhibited, inhibited);
        compare(diff, "groupKeys", exp.groupKeys, groupKeys);
        return diff;
    }

    private static void compare(List<String> diff, String field, Object expected, Object got) {
        if (expected != null && !Objects.equals(expected, got)) {
            diff.add(field);
        }
    }

    /** The named fields as {@code field=value} pairs, in the test file's order of fields. */
    public String show(List<String> fields) {
        List<String> parts = new ArrayList<>();
        for (String f : fields) {
            parts.add(f + "=" + value(this, f));
        }
        return String.join(" ", parts);
    }

    /** The expectation's named fields the same way. */
    static String show(RuleTestFile.Expectation exp, List<String> fields) {
        List<String> parts = new ArrayList<>();
        for (String f : fields) {
            parts.add(f + "=" + switch (f) {
                case "dropped" -> exp.dropped;
                case "ticket" -> exp.ticket;
                case "channels" -> exp.channels;
                case "silenced" -> exp.silenced;
                case "inhibited" -> exp.inhibited;
                case "groupKeys" -> exp.groupKeys;
                default -> throw new IllegalArgumentException(f);
            });
        }
        return String.join(" ", parts);
    }

    private static Object value(Outcome o, String field) {
        return switch (field) {
            case "dropped" -> o.dropped;
            case "ticket" -> o.ticket;
            case "channels" -> o.channels;
            case "silenced" -> o.silenced;
            case "inhibited" -> o.inhibited;
            case "groupKeys" -> o.groupKeys;
            default -> throw new IllegalArgumentException(field);
        };
    }
}
