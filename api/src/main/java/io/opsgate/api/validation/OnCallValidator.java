package io.opsgate.api.validation;

import io.opsgate.api.regex.RegexBudget;
import io.opsgate.api.time.TimeWindowSet;
import io.opsgate.api.time.TimeZones;
import io.opsgate.api.v1alpha1.CallOutSettings;
import io.opsgate.api.v1alpha1.ContactGroupSpec;
import io.opsgate.api.v1alpha1.OnCallScheduleSpec;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec;
import io.opsgate.api.v1alpha1.OpsgateApi;
import io.opsgate.api.v1alpha1.RotationLayer;
import io.opsgate.api.v1alpha1.ScheduleOverride;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of {@link ResourceValidator} for the on-call kinds: OnCallSchedule, ContactGroup and
 * OperationsSuspension. Like it, it repeats what the CRD schema checks and adds what a schema cannot
 * say (times parse, zones exist, an end comes after its start). References to other objects are the
 * compiler's to check, where the whole namespace is known.
 */
public final class OnCallValidator {

    static final Duration MIN_CUSTOM_TURN = Duration.ofHours(1);
    static final Duration MAX_CUSTOM_TURN = Duration.ofDays(365);
    static final Duration MIN_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MAX_ATTEMPT_TIMEOUT = Duration.ofHours(1);

    private OnCallValidator() {
    }

    /** Validates an OnCallSchedule. */
    public static ValidationResult onCallSchedule(OnCallScheduleSpec spec) {
        ValidationResult r = ValidationResult.ok();
        if (spec == null) {
            return r.add("spec", Reasons.MISSING_FIELD, "spec is required");
        }
        ZoneId zone = zone(spec.timeZone, "spec.timeZone", r);
        if (spec.layers == null || spec.layers.isEmpty()) {
            r.add("spec.layers", Reasons.MISSING_FIELD, "a schedule needs at least one layer");
        } else if (spec.layers.size() > 10) {
            r.add("spec.layers", Reasons.INVALID_VALUE, spec.layers.size() + " layers; at most 10 are allowed");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < spec.layers.size(); i++) {
                layer(spec.layers.get(i), "spec.layers[" + i + "]", zone, names, r);
            }
        }
        if (spec.overrides != null) {
            if (spec.overrides.size() > 200) {
                r.add("spec.overrides", Reasons.INVALID_VALUE, spec.overrides.size() + " overrides; at most 200 are allowed");
            }
            for (int i = 0; i < spec.overrides.size(); i++) {
                override(spec.overrides.get(i), "spec.overrides[" + i + "]", r);
            }
        }
        if (spec.callOut != null) {
            callOut(spec.callOut, "spec.callOut", r);
        }
        return r;
    }

    private static void layer(RotationLayer layer, String p, ZoneId scheduleZone, Set<String> names, ValidationResult r) {
        if (layer == null) {
            r.add(p, Reasons.MISSING_FIELD, "a layer is required");
            return;
        }
        if (layer.name == null || layer.name.isEmpty()) {
            r.add(p + ".name", Reasons.MISSING_FIELD, "name is required");
        } else if (!layer.name.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") || layer.name.length() > 63) {
            r.add(p + ".name", Reasons.INVALID_VALUE, "\"" + layer.name + "\" is not a DNS label of at most 63 characters");
        } else if (!names.add(layer.name)) {
            r.add(p + ".name", Reasons.INVALID_VALUE, "layer name \"" + layer.name + "\" is used twice");
        }
        if (layer.timeZone != null) {
            zone(layer.timeZone, p + ".timeZone", r);
        }
        Instant start = null;
        if (layer.start == null) {
            r.add(p + ".start", Reasons.MISSING_FIELD, "start is required: the RFC 3339 time of the first handoff");
        } else {
            start = FieldChecks.timestamp(layer.start, p + ".start", r);
        }
        if (layer.end != null) {
            Instant end = FieldChecks.timestamp(layer.end, p + ".end", r);
            if (start != null && end != null && !end.isAfter(start)) {
                r.add(p + ".end", Reasons.INVALID_TIME, "end must be after start");
            }
        }
        people(layer.people, p + ".people", r);
        rotation(layer.rotation, p + ".rotation", r);
        if (layer.restrictions != null) {
            if (layer.restrictions.size() > 50) {
                r.add(p + ".restrictions", Reasons.INVALID_VALUE, "at most 50 restrictions are allowed");
            }
            for (int i = 0; i < layer.restrictions.size(); i++) {
                restriction(layer.restrictions.get(i), p + ".restrictions[" + i + "]", r);
            }
        }
    }

    private static void people(List<String> people, String p, ValidationResult r) {
        if (people == null || people.isEmpty()) {
            r.add(p, Reasons.MISSING_FIELD, "a layer needs at least one person");
            return;
        }
        if (people.size() > 100) {
            r.add(p, Reasons.INVALID_VALUE, people.size() + " people; at most 100 are allowed");
        }
        for (int i = 0; i < people.size(); i++) {
            person(people.get(i), p + "[" + i + "]", r);
        }
    }

    static void person(String id, String p, ValidationResult r) {
        if (id == null || !id.matches(OpsgateApi.PERSON_ID_PATTERN)) {
            r.add(p, Reasons.INVALID_VALUE, "\"" + id + "\" is not a person id (a key of the contacts Secret: lower-case "
                    + "letters, digits, '-', '.', '_', at most 63 characters)");
        }
    }

    private static void rotation(RotationLayer.Rotation rotation, String p, ValidationResult r) {
        if (rotation == null || rotation.type == null) {
            r.add(p + ".type", Reasons.MISSING_FIELD, "rotation.type is required: Daily, Weekly or Custom");
            return;
        }
        FieldChecks.range(rotation.every, 1, 52, p + ".every", r);
        if (rotation.type == RotationLayer.RotationType.Custom) {
            if (rotation.length == null) {
                r.add(p + ".length", Reasons.MISSING_FIELD, "length is required for a Custom rotation, e.g. 12h");
            } else {
                Duration length = FieldChecks.duration(rotation.length, p + ".length", r);
                if (length != null && (length.compareTo(MIN_CUSTOM_TURN) < 0 || length.compareTo(MAX_CUSTOM_TURN) > 0)) {
                    r.add(p + ".length", Reasons.INVALID_DURATION, "a Custom turn lasts from 1h to 365d");
                }
            }
        } else if (rotation.length != null) {
            r.add(p + ".length", Reasons.INVALID_VALUE, "length is only for Custom rotations; "
                    + rotation.type + " turns last every days or weeks");
        }
    }

    private static void restriction(RotationLayer.Restriction restriction, String p, ValidationResult r) {
        if (restriction == null) {
            r.add(p, Reasons.MISSING_FIELD, "a restriction is required");
            return;
        }
        timeOfDay(restriction.startTime, p + ".startTime", false, r);
        timeOfDay(restriction.endTime, p + ".endTime", true, r);
        TimeWindowSet.weekdays(restriction.weekdays, p + ".weekdays",
                (path, message) -> r.add(path, Reasons.INVALID_TIME_WINDOW, message));
    }

    private static void timeOfDay(String text, String p, boolean allow24, ValidationResult r) {
        String pattern = allow24 ? "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$" : "^([01][0-9]|2[0-3]):[0-5][0-9]$";
        if (text == null) {
            r.add(p, Reasons.MISSING_FIELD, "a time of day HH:MM is required");
        } else if (!text.matches(pattern)) {
            r.add(p, Reasons.INVALID_TIME_WINDOW, "\"" + text + "\" is not a time of day HH:MM (00:00 to "
                    + (allow24 ? "24:00" : "23:59") + ")");
        }
    }

    private static void override(ScheduleOverride o, String p, ValidationResult r) {
        if (o == null) {
            r.add(p, Reasons.MISSING_FIELD, "an override is required");
            return;
        }
        person(o.person, p + ".person", r);
        Instant start = o.start == null ? null : FieldChecks.timestamp(o.start, p + ".start", r);
        Instant end = o.end == null ? null : FieldChecks.timestamp(o.end, p + ".end", r);
        if (o.start == null) {
            r.add(p + ".start", Reasons.MISSING_FIELD, "start is required");
        }
        if (o.end == null) {
            r.add(p + ".end", Reasons.MISSING_FIELD, "end is required");
        }
        if (start != null && end != null && !end.isAfter(start)) {
            r.add(p + ".end", Reasons.INVALID_TIME, "end must be after start");
        }
    }

    private static void callOut(CallOutSettings c, String p, ValidationResult r) {
        if (c.channel == null || !c.channel.matches(OpsgateApi.OBJECT_NAME_PATTERN)) {
            r.add(p + ".channel", c.channel == null ? Reasons.MISSING_FIELD : Reasons.INVALID_VALUE,
                    "channel must name a NotificationChannel of type CallOut in the same namespace");
        }
        Duration timeout = FieldChecks.duration(c.attemptTimeout, p + ".attemptTimeout", r);
        if (timeout != null && (timeout.compareTo(MIN_ATTEMPT_TIMEOUT) < 0 || timeout.compareTo(MAX_ATTEMPT_TIMEOUT) > 0)) {
            r.add(p + ".attemptTimeout", Reasons.INVALID_DURATION, "attemptTimeout is from 30s to 1h");
        }
    }

    /** Validates a ContactGroup; the schedules, channels and groups it names are checked by the compiler. */
    public static ValidationResult contactGroup(ContactGroupSpec spec) {
        ValidationResult r = ValidationResult.ok();
        if (spec == null) {
            return r.add("spec", Reasons.MISSING_FIELD, "spec is required");
        }
        if (spec.members == null || spec.members.isEmpty()) {
            r.add("spec.members", Reasons.MISSING_FIELD, "a contact group needs at least one member");
        } else {
            if (spec.members.size() > 50) {
                r.add("spec.members", Reasons.INVALID_VALUE, spec.members.size() + " members; at most 50 are allowed");
            }
            for (int i = 0; i < spec.members.size(); i++) {
                ContactGroupSpec.Member m = spec.members.get(i);
                String p = "spec.members[" + i + "]";
                if (m == null || (m.person == null) == (m.schedule == null)) {
                    r.add(p, Reasons.INVALID_VALUE, "a member is either a person or a schedule");
                    continue;
                }
                if (m.person != null) {
                    person(m.person, p + ".person", r);
                } else {
                    FieldChecks.names(List.of(m.schedule), p + ".schedule", r, true);
                }
            }
        }
        FieldChecks.range(spec.rounds, 1, 10, "spec.rounds", r);
        if (spec.callOut == null) {
            r.add("spec.callOut", Reasons.MISSING_FIELD, "callOut is required: the CallOut channel that places the calls");
        } else {
            callOut(spec.callOut, "spec.callOut", r);
        }
        if (spec.fallback != null) {
            ContactGroupSpec.Fallback f = spec.fallback;
            if ((f.channel == null) == (f.contactGroup == null)) {
                r.add("spec.fallback", Reasons.INVALID_VALUE, "a fallback is either a channel or a contactGroup");
            } else if (f.channel != null) {
                FieldChecks.names(List.of(f.channel), "spec.fallback.channel", r, true);
            } else {
                FieldChecks.names(List.of(f.contactGroup), "spec.fallback.contactGroup", r, true);
            }
        }
        return r;
    }

    /** Validates an OperationsSuspension. */
    public static ValidationResult operationsSuspension(OperationsSuspensionSpec spec) {
        ValidationResult r = ValidationResult.ok();
        if (spec == null) {
            return r.add("spec", Reasons.MISSING_FIELD, "spec is required");
        }
        if (spec.reason == null || spec.reason.isBlank()) {
            r.add("spec.reason", Reasons.MISSING_FIELD, "reason is required: say why operations are suspended");
        } else if (spec.reason.length() > 1000) {
            r.add("spec.reason", Reasons.INVALID_VALUE, "reason is longer than 1000 characters");
        }
        if (spec.requestedBy == null || spec.requestedBy.isBlank()) {
            r.add("spec.requestedBy", Reasons.MISSING_FIELD, "requestedBy is required: who asked for the suspension");
        } else if (spec.requestedBy.length() > 253) {
            r.add("spec.requestedBy", Reasons.INVALID_VALUE, "requestedBy is longer than 253 characters");
        }
        if (spec.suspend == null || spec.suspend.isEmpty()) {
            r.add("spec.suspend", Reasons.MISSING_FIELD,
                    "suspend needs at least one of AlertTriggeredJobs, ScheduledJobs, CallOuts");
        } else if (new HashSet<>(spec.suspend).size() != spec.suspend.size()) {
            r.add("spec.suspend", Reasons.INVALID_VALUE, "suspend lists an operation twice");
        }
        FieldChecks.matchers(spec.matchers, "spec.matchers", r, RegexBudget.perObject());
        if (spec.window == null) {
            r.add("spec.window", Reasons.MISSING_FIELD, "window is required: start and end, or timeWindows");
            return r;
        }
        OperationsSuspensionSpec.SuspensionWindow w = spec.window;
        ZoneId zone = zone(w.timeZone, "spec.window.timeZone", r);
        boolean recurring = w.timeWindows != null && !w.timeWindows.isEmpty();
        TimeWindowSet.compile(w.timeWindows, zone, "spec.window.timeWindows",
                (path, message) -> r.add(path, Reasons.INVALID_TIME_WINDOW, message));
        Instant start = w.start == null ? null : FieldChecks.timestamp(w.start, "spec.window.start", r);
        Instant end = w.end == null ? null : FieldChecks.timestamp(w.end, "spec.window.end", r);
        if (!recurring && (w.start == null || w.end == null)) {
            r.add(w.start == null ? "spec.window.start" : "spec.window.end", Reasons.MISSING_FIELD,
                    "a window needs start and end, or timeWindows; an open-ended suspension is easily forgotten");
        }
        if (start != null && end != null && !end.isAfter(start)) {
            r.add("spec.window.end", Reasons.INVALID_TIME, "end must be after start");
        }
        return r;
    }

    private static ZoneId zone(String name, String path, ValidationResult r) {
        if (name == null) {
            return ZoneOffset.UTC;
        }
        try {
            return TimeZones.parse(name);
        } catch (IllegalArgumentException e) {
            r.add(path, Reasons.INVALID_TIME_ZONE, e.getMessage());
            return ZoneOffset.UTC;
        }
    }
}
