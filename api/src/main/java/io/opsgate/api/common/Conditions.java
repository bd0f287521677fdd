package io.opsgate.api.common;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sets conditions the way Kubernetes API conventions ask: one per type, {@code lastTransitionTime}
 * moved only when the status flips, so that a status that did not change compares equal and the
 * reconciler can skip the patch.
 */
public final class Conditions {

    private Conditions() {
    }

    /** Returns the condition of that type, if present. */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** True when a condition of that type exists with status True. */
    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> ConditionTypes.TRUE.equals(c.getStatus())).orElse(false);
    }

    /**
     * Returns a new list where the condition of {@code type} has the given values. The old
     * {@code lastTransitionTime} is kept when the status did not change. {@code Ready} is ordered first.
     */
    public static List<Condition> set(List<Condition> conditions, String type, String status, String reason,
                                      String message, Long generation, Instant now) {
        List<Condition> result = new ArrayList<>();
        String transition = now.truncatedTo(ChronoUnit.SECONDS).toString();
        boolean found = false;
        if (conditions != null) {
            for (Condition c : conditions) {
                if (type.equals(c.getType())) {
                    found = true;
                    String keep = Objects.equals(c.getStatus(), status) && c.getLastTransitionTime() != null
                            ? c.getLastTransitionTime() : transition;
                    result.add(build(type, status, reason, message, generation, keep));
                } else {
                    result.add(c);
                }
            }
        }
        if (!found) {
            result.add(build(type, status, reason, message, generation, transition));
        }
        result.sort(Comparator.comparingInt(Conditions::rank));
        return result;
    }

    /** Returns a new list without the condition of {@code type}. */
    public static List<Condition> remove(List<Condition> conditions, String type) {
        List<Condition> result = new ArrayList<>();
        if (conditions != null) {
            for (Condition c : conditions) {
                if (!type.equals(c.getType())) {
                    result.add(c);
                }
            }
        }
        return result;
    }

    private static int rank(Condition c) {
        return switch (c.getType()) {
            case ConditionTypes.READY -> 0;
            case ConditionTypes.RECONCILING -> 1;
            case ConditionTypes.STALLED -> 2;
            default -> 3;
        };
    }

    private static Condition build(String type, String status, String reason, String message, Long generation,
                                   String transition) {
        return new ConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message == null ? "" : truncate(message))
                .withObservedGeneration(generation)
                .withLastTransitionTime(transition)
                .build();
    }

    /** Condition messages are capped by the API server at 32 KiB; ours stay far below. */
    private static String truncate(String message) {
        return message.length() <= 4000 ? message : message.substring(0, 3997) + "...";
    }
}
