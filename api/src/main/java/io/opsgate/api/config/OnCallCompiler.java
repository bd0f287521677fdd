package io.opsgate.api.config;

import io.opsgate.api.v1alpha1.AlertRuleSpec;
import io.opsgate.api.v1alpha1.CallOutSettings;
import io.opsgate.api.v1alpha1.ContactGroup;
import io.opsgate.api.v1alpha1.ContactGroupSpec;
import io.opsgate.api.v1alpha1.EscalateAction;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.NotificationChannelSpec.ChannelType;
import io.opsgate.api.v1alpha1.OnCallSchedule;
import io.opsgate.api.v1alpha1.OperationsSuspension;
import io.opsgate.api.validation.OnCallValidator;
import io.opsgate.api.validation.Reasons;
import io.opsgate.api.validation.ValidationResult;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The on-call part of {@link ConfigCompiler}: schedules, contact groups and suspensions, and the
 * references AlertRules make to schedules and groups. Everything is looked up by name in the tenant's
 * own namespace only, so another tenant's schedule or group cannot be named: it is simply unknown.
 */
final class OnCallCompiler {

    private final Map<String, OnCallSchedule> schedules;
    private final Map<String, ContactGroup> groups;

    private OnCallCompiler(Map<String, OnCallSchedule> schedules, Map<String, ContactGroup> groups) {
        this.schedules = schedules;
        this.groups = groups;
    }

    /**
     * Validates and links the tenant's on-call objects against its valid channels, and adds the valid ones
     * to {@code out}; returns what the rules are then checked against.
     */
    static OnCallCompiler compile(OnCallResources in, Map<String, NotificationChannel> channels,
                                  Map<ObjectKey, ValidationResult> results, CompiledConfig out) {
        Map<String, OnCallSchedule> schedules = ConfigCompiler.validSorted(in.schedules(), "OnCallSchedule",
                s -> OnCallValidator.onCallSchedule(s.getSpec()), results);
        for (OnCallSchedule schedule : new ArrayList<>(schedules.values())) {
            ValidationResult r = results.get(ConfigCompiler.key(schedule));
            if (schedule.getSpec().callOut != null) {
                callOutChannel(schedule.getSpec().callOut, "spec.callOut.channel", channels, r);
            }
            if (!r.isValid()) {
                schedules.remove(schedule.getMetadata().getName());
            }
        }
        schedules.values().forEach(s -> out.onCallSchedules.add(ConfigCompiler.named(s, s.getSpec())));

        Map<String, ContactGroup> groups = ConfigCompiler.validSorted(in.contactGroups(), "ContactGroup",
                g -> OnCallValidator.contactGroup(g.getSpec()), results);
        for (ContactGroup group : groups.values()) {
            ContactGroupSpec spec = group.getSpec();
            ValidationResult r = results.get(ConfigCompiler.key(group));
            for (int i = 0; i < spec.members.size(); i++) {
                String schedule = spec.members.get(i).schedule;
                if (schedule != null && !schedules.containsKey(schedule)) {
                    r.add("spec.members[" + i + "].schedule", Reasons.UNKNOWN_ON_CALL_SCHEDULE,
                            "OnCallSchedule \"" + schedule + "\" does not exist in this namespace or is invalid");
                }
            }
            callOutChannel(spec.callOut, "spec.callOut.channel", channels, r);
            if (spec.fallback != null && spec.fallback.channel != null) {
                notifyChannel(spec.fallback.channel, "spec.fallback.channel", channels, r);
            }
        }
        linkFallbacks(groups, results);
        groups.values().forEach(g -> out.contactGroups.add(ConfigCompiler.named(g, g.getSpec())));

        Map<String, OperationsSuspension> suspensions = ConfigCompiler.validSorted(in.suspensions(),
                "OperationsSuspension", s -> OnCallValidator.operationsSuspension(s.getSpec()), results);
        suspensions.values().forEach(s -> out.operationsSuspensions.add(ConfigCompiler.named(s, s.getSpec())));
        return new OnCallCompiler(schedules, groups);
    }

    /**
     * Drops groups whose fallback group is unknown, invalid, or part of a circle of fallbacks, until what is
     * left only falls back to groups that are left.
     */
    private static void linkFallbacks(Map<String, ContactGroup> groups, Map<ObjectKey, ValidationResult> results) {
        for (ContactGroup group : groups.values()) {
            List<String> circle = fallbackCircle(group.getMetadata().getName(), groups);
            if (circle != null) {
                results.get(ConfigCompiler.key(group)).add("spec.fallback.contactGroup", Reasons.FALLBACK_CYCLE,
                        "fallbacks form a circle: " + String.join(" -> ", circle));
            }
        }
        groups.values().removeIf(g -> !results.get(ConfigCompiler.key(g)).isValid());
        boolean changed = true;
        while (changed) {
            changed = false;
            for (ContactGroup group : new ArrayList<>(groups.values())) {
                ContactGroupSpec.Fallback fallback = group.getSpec().fallback;
                if (fallback != null && fallback.contactGroup != null && !groups.containsKey(fallback.contactGroup)) {
                    results.get(ConfigCompiler.key(group)).add("spec.fallback.contactGroup", Reasons.UNKNOWN_CONTACT_GROUP,
                            "ContactGroup \"" + fallback.contactGroup + "\" does not exist in this namespace or is invalid");
                    groups.remove(group.getMetadata().getName());
                    changed = true;
                }
            }
        }
    }

    /** The circle of fallbacks through {@code start} (start -> ... -> start), or null. */
    private static List<String> fallbackCircle(String start, Map<String, ContactGroup> groups) {
        Set<String> seen = new LinkedHashSet<>();
        String current = start;
        while (current != null && seen.add(current)) {
            ContactGroup g = groups.get(current);
            current = g == null || g.getSpec().fallback == null ? null : g.getSpec().fallback.contactGroup;
            if (start.equals(current)) {
                List<String> path = new ArrayList<>(seen);
                path.add(start);
                return path;
            }
        }
        return null;
    }

    private static void callOutChannel(CallOutSettings callOut, String path, Map<String, NotificationChannel> channels,
                                       ValidationResult r) {
        NotificationChannel channel = channels.get(callOut.channel);
        if (channel == null) {
            r.add(path, Reasons.UNKNOWN_CHANNEL, "NotificationChannel \"" + callOut.channel
                    + "\" does not exist in this namespace or is invalid");
        } else if (channel.getSpec().type != ChannelType.CallOut) {
            r.add(path, Reasons.CHANNEL_TYPE_MISMATCH, "NotificationChannel \"" + callOut.channel + "\" is of type "
                    + channel.getSpec().type + "; calls need a channel of type CallOut");
        }
    }

    /** A channel notifications are sent to: it must exist, and a CallOut channel cannot take a notification. */
    static void notifyChannel(String name, String path, Map<String, NotificationChannel> channels, ValidationResult r) {
        NotificationChannel channel = channels.get(name);
        if (channel == null) {
            r.add(path, Reasons.UNKNOWN_CHANNEL, "NotificationChannel \"" + name
                    + "\" does not exist in this namespace or is invalid");
        } else if (channel.getSpec().type == ChannelType.CallOut) {
            r.add(path, Reasons.CHANNEL_TYPE_MISMATCH, "NotificationChannel \"" + name + "\" is a CallOut channel; "
                    + "people are called out through a ContactGroup or an OnCallSchedule, not notified");
        }
    }

    /** Checks the schedules and contact groups an AlertRule's escalation levels name. */
    void checkRuleReferences(AlertRuleSpec spec, ValidationResult r) {
        if (spec.actions == null || spec.actions.escalate == null || spec.actions.escalate.levels == null) {
            return;
        }
        List<EscalateAction.Level> levels = spec.actions.escalate.levels;
        for (int l = 0; l < levels.size(); l++) {
            String p = "spec.actions.escalate.levels[" + l + "]";
            List<String> named = levels.get(l).schedules;
            for (int i = 0; named != null && i < named.size(); i++) {
                OnCallSchedule schedule = schedules.get(named.get(i));
                if (schedule == null) {
                    r.add(p + ".schedules[" + i + "]", Reasons.UNKNOWN_ON_CALL_SCHEDULE, "OnCallSchedule \""
                            + named.get(i) + "\" does not exist in this namespace or is invalid");
                } else if (schedule.getSpec().callOut == null) {
                    r.add(p + ".schedules[" + i + "]", Reasons.CALL_OUT_NOT_CONFIGURED, "OnCallSchedule \""
                            + named.get(i) + "\" has no spec.callOut; set it, or name a ContactGroup that lists the "
                            + "schedule");
                }
            }
            List<String> groupNames = levels.get(l).contactGroups;
            for (int i = 0; groupNames != null && i < groupNames.size(); i++) {
                if (!groups.containsKey(groupNames.get(i))) {
                    r.add(p + ".contactGroups[" + i + "]", Reasons.UNKNOWN_CONTACT_GROUP, "ContactGroup \""
                            + groupNames.get(i) + "\" does not exist in this namespace or is invalid");
                }
            }
        }
    }
}
