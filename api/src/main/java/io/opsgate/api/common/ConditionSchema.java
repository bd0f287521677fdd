package io.opsgate.api.common;

import java.util.List;
import java.util.Map;

/**
 * What the CRDs say about {@code status.conditions}: Fabric8's {@code Condition} type comes without
 * descriptions, and the generator cannot declare a list keyed by a field. The committed CRDs get these
 * descriptions, {@code x-kubernetes-list-type: map} keyed by {@code type} (one condition per type, so
 * server-side apply merges by type) and the key fields as required (the API server demands it of map keys).
 */
public final class ConditionSchema {

    /** The field that identifies a condition in the list. */
    public static final String KEY = "type";

    /** Fields every condition must carry: the list key and its status. */
    public static final List<String> REQUIRED = List.of("status", KEY);

    /** A description per condition field, as kubectl explain shows it. */
    public static final Map<String, String> FIELDS = Map.of(
            "type", "Condition type, unique in the list: Ready (the object is in effect), Reconciling (work is in "
                    + "progress), Stalled (progress needs a change of the object).",
            "status", "True, False or Unknown.",
            "reason", "CamelCase reason of the last transition, for machines, e.g. Available, InvalidMatcher, "
                    + "WaitingForSecret.",
            "message", "Human-readable details; for an invalid object it names the field, e.g. spec.matchers[0].",
            "lastTransitionTime", "When status last changed (RFC 3339, UTC); unchanged while only reason or message change.",
            "observedGeneration", "The metadata.generation the condition was set for.");

    private ConditionSchema() {
    }
}
