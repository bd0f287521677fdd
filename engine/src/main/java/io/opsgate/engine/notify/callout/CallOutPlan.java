package io.opsgate.engine.notify.callout;

import io.opsgate.api.suspension.SuspensionSubject;
import io.opsgate.api.time.Durations;
import io.opsgate.api.v1alpha1.CallOutSettings;
import io.opsgate.api.v1alpha1.ContactGroupSpec;
import io.opsgate.api.v1alpha1.OnCallScheduleSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one call-out does for one ticket: whom to contact in which order, how often, how, and what to do
 * when nobody acknowledges. Built from a ContactGroup or an OnCallSchedule and the ticket.
 */
public final class CallOutPlan {

    /** A member: a person, or whoever is on call in a schedule when the member's turn comes. */
    public sealed interface Member {
        /** A person by id. */
        record Person(String id) implements Member {
        }

        /** An OnCallSchedule by name. */
        record Schedule(String name) implements Member {
        }
    }

    /** Whom a call-out is for. */
    public enum TargetKind {
        CONTACT_GROUP("contactgroup"), ON_CALL_SCHEDULE("oncallschedule");

        private final String label;

        TargetKind(String label) {
            this.label = label;
        }
    }

    /** What happens after the last round: notify a channel, or start a contact group's call-out. */
    public sealed interface Fallback {
        /** A NotificationChannel is notified. */
        record Channel(String name) implements Fallback {
        }

        /** Another ContactGroup's call-out starts. */
        record Group(String name) implements Fallback {
        }
    }

    private final String tenant;
    private final long ticketId;
    private final Integer level;
    private final TargetKind targetKind;
    private final String targetName;
    private final List<Member> members;
    private final int rounds;
    private final CallOutSettings.ContactMethod method;
    private final Duration attemptTimeout;
    private final String channel;
    private final Fallback fallback;
    private final CallOutMessage message;
    private final Map<String, String> alertLabels;
    private final int fallbackDepth;

    private CallOutPlan(Builder b) {
        this.tenant = Objects.requireNonNull(b.tenant, "tenant");
        this.ticketId = b.ticketId;
        this.level = b.level;
        this.targetKind = Objects.requireNonNull(b.targetKind, "targetKind");
        this.targetName = Objects.requireNonNull(b.targetName, "targetName");
        this.members = List.copyOf(b.members);
        this.rounds = b.rounds;
        this.method = b.method;
        this.attemptTimeout = b.attemptTimeout;
        this.channel = Objects.requireNonNull(b.channel, "channel");
        this.fallback = b.fallback;
        this.message = Objects.requireNonNull(b.message, "message");
        this.alertLabels = Map.copyOf(b.alertLabels);
        this.fallbackDepth = b.fallbackDepth;
        if (members.isEmpty() || rounds < 1) {
            throw new IllegalArgumentException("a call-out needs members and at least one round");
        }
    }

    /** A plan for a ContactGroup (defaults applied to {@code spec}); add the ticket with the builder. */
    public static Builder forContactGroup(String name, ContactGroupSpec spec) {
        Builder b = new Builder();
        b.targetKind = TargetKind.CONTACT_GROUP;
        b.targetName = name;
        for (ContactGroupSpec.Member m : spec.members) {
            b.members.add(m.person != null ? new Member.Person(m.person) : new Member.Schedule(m.schedule));
        }
        b.rounds = spec.rounds == null ? 1 : spec.rounds;
        b.settings(spec.callOut);
        if (spec.fallback != null) {
            b.fallback = spec.fallback.channel != null ? new Fallback.Channel(spec.fallback.channel)
                    : new Fallback.Group(spec.fallback.contactGroup);
        }
        return b;
    }

    /** A plan for the person on call in an OnCallSchedule: once, without fallback. */
    public static Builder forSchedule(String name, OnCallScheduleSpec spec) {
        if (spec.callOut == null) {
            throw new IllegalArgumentException("OnCallSchedule " + name + " has no callOut settings");
        }
        Builder b = new Builder();
        b.targetKind = TargetKind.ON_CALL_SCHEDULE;
        b.targetName = name;
        b.members.add(new Member.Schedule(name));
        b.rounds = 1;
        b.settings(spec.callOut);
        return b;
    }

    public String tenant() {
        return tenant;
    }

    public long ticketId() {
        return ticketId;
    }

    public Integer level() {
        return level;
    }

    /** contactgroup/NAME or oncallschedule/NAME. */
    public String target() {
        return targetKind.label + "/" + targetName;
    }

    /** What an OperationsSuspension's matchers see of this call-out. */
    public SuspensionSubject suspensionSubject() {
        return targetKind == TargetKind.ON_CALL_SCHEDULE
                ? SuspensionSubject.callOutToSchedule(targetName, alertLabels)
                : SuspensionSubject.callOutToGroup(targetName, alertLabels);
    }

    public List<Member> members() {
        return members;
    }

    public int rounds() {
        return rounds;
    }

    public CallOutSettings.ContactMethod method() {
        return method;
    }

    public Duration attemptTimeout() {
        return attemptTimeout;
    }

    public String channel() {
        return channel;
    }

    public Fallback fallback() {
        return fallback;
    }

    public CallOutMessage message() {
        return message;
    }

    public Map<String, String> alertLabels() {
        return alertLabels;
    }

    /** How many fallbacks led to this plan; bounded so fallbacks cannot go on for ever. */
    public int fallbackDepth() {
        return fallbackDepth;
    }

    /** The same ticket, level and message, for another target: how a fallback group's call-out starts. */
    Builder continuedBy(Builder next) {
        return next.tenant(tenant).ticket(ticketId, message).level(level).alertLabels(alertLabels)
                .fallbackDepth(fallbackDepth + 1);
    }

    /** Builds a plan; a factory above fills the target's part, the caller the ticket's. */
    public static final class Builder {
        private String tenant;
        private long ticketId;
        private Integer level;
        private TargetKind targetKind;
        private String targetName;
        private final List<Member> members = new ArrayList<>();
        private int rounds = 1;
        private CallOutSettings.ContactMethod method = CallOutSettings.ContactMethod.Voice;
        private Duration attemptTimeout = Duration.ofMinutes(2);
        private String channel;
        private Fallback fallback;
        private CallOutMessage message;
        private Map<String, String> alertLabels = Map.of();
        private int fallbackDepth;

        private Builder() {
        }

        private void settings(CallOutSettings s) {
            channel = s.channel;
            method = s.method == null ? CallOutSettings.ContactMethod.Voice : s.method;
            attemptTimeout = Durations.parseOr(s.attemptTimeout, Duration.ofMinutes(2));
        }

        public Builder tenant(String v) {
            tenant = v;
            return this;
        }

        public Builder ticket(long id, CallOutMessage m) {
            ticketId = id;
            message = m;
            return this;
        }

        public Builder level(Integer v) {
            level = v;
            return this;
        }

        public Builder alertLabels(Map<String, String> v) {
            alertLabels = v;
            return this;
        }

        Builder fallbackDepth(int v) {
            fallbackDepth = v;
            return this;
        }

        public CallOutPlan build() {
            return new CallOutPlan(this);
        }
    }
}
