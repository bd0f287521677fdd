package io.opsgate.engine.notify.contacts;

import io.opsgate.api.oncall.RestrictionWindows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;

/**
 * One person's contact details, read from the tenant's contacts Secret. Personal data: it is held in
 * memory only while it is used, and {@link #toString()} names the person's id and nothing else, so a
 * card that reaches a log line leaks nothing.
 */
public final class ContactCard {

    /** What a call-out does to a person in their quiet hours. */
    public enum QuietHoursAction {
        /** Send an SMS instead of calling, then wait as for a call. */
        SMS,
        /** Do not contact the person; go on to the next one. */
        Skip
    }

    /**
     * At most {@code calls} call-outs (calls and SMS) to the person within any {@code per}.
     *
     * @param calls at least 1
     * @param per   the sliding period
     */
    public record RateLimit(int calls, Duration per) {
        /** Ten an hour: enough for a bad night, not enough to be a phone bomb. */
        public static final RateLimit DEFAULT = new RateLimit(10, Duration.ofHours(1));
    }

    private final String id;
    private final String displayName;
    private final String phone;
    private final String sms;
    private final String email;
    private final Map<String, String> chat;
    private final String language;
    private final ZoneId timeZone;
    private final RestrictionWindows quietHours;
    private final QuietHoursAction quietHoursAction;
    private final RateLimit rateLimit;

    private ContactCard(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.displayName = b.displayName;
        this.phone = b.phone;
        this.sms = b.sms != null ? b.sms : b.phone;
        this.email = b.email;
        this.chat = Map.copyOf(b.chat);
        this.language = b.language;
        this.timeZone = b.timeZone;
        this.quietHours = b.quietHours != null ? b.quietHours : RestrictionWindows.compile(java.util.List.of(), b.timeZone);
        this.quietHoursAction = b.quietHoursAction;
        this.rateLimit = b.rateLimit;
    }

    /** A card for {@code id}; language en-US, zone UTC, quiet-hours action SMS and the default rate limit unless set. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The key of the person in the contacts Secret. */
    public String id() {
        return id;
    }

    /** How the person is addressed; may be null. */
    public String displayName() {
        return displayName;
    }

    /** E.164 number for voice calls; null when the person has none. */
    public String phone() {
        return phone;
    }

    /** E.164 number for SMS: the sms entry, else the phone number; null when there is neither. */
    public String smsNumber() {
        return sms;
    }

    /** Mail address; may be null. */
    public String email() {
        return email;
    }

    /** Chat user ids by system, e.g. slack: U0123. */
    public Map<String, String> chat() {
        return chat;
    }

    /** BCP 47 tag the person is spoken to in, e.g. ja-JP. */
    public String language() {
        return language;
    }

    /** The person's zone, for quiet hours. */
    public ZoneId timeZone() {
        return timeZone;
    }

    public QuietHoursAction quietHoursAction() {
        return quietHoursAction;
    }

    public RateLimit rateLimit() {
        return rateLimit;
    }

    /** Whether {@code t} is in the person's quiet hours (never, without any). */
    public boolean isQuiet(Instant t) {
        return !quietHours.isAlways() && quietHours.contains(t);
    }

    @Override
    public String toString() {
        return "ContactCard[" + id + "]";
    }

    /** Builds a card; only the id is required. */
    public static final class Builder {
        private final String id;
        private String displayName;
        private String phone;
        private String sms;
        private String email;
        private Map<String, String> chat = Map.of();
        private String language = "en-US";
        private ZoneId timeZone = ZoneOffset.UTC;
        private RestrictionWindows quietHours;
        private QuietHoursAction quietHoursAction = QuietHoursAction.SMS;
        private RateLimit rateLimit = RateLimit.DEFAULT;

        private Builder(String id) {
            this.id = id;
        }

        public Builder displayName(String v) {
            displayName = v;
            return this;
        }

        public Builder phone(String v) {
            phone = v;
            return this;
        }

        public Builder sms(String v) {
            sms = v;
            return this;
        }

        public Builder email(String v) {
            email = v;
            return this;
        }

        public Builder chat(Map<String, String> v) {
            chat = v;
            return this;
        }

        public Builder language(String v) {
            language = v;
            return this;
        }

        public Builder timeZone(ZoneId v) {
            timeZone = v;
            return this;
        }

        public Builder quietHours(RestrictionWindows v) {
            quietHours = v;
            return this;
        }

        public Builder quietHoursAction(QuietHoursAction v) {
            quietHoursAction = v;
            return this;
        }

        public Builder rateLimit(RateLimit v) {
            rateLimit = v;
            return this;
        }

        public ContactCard build() {
            return new ContactCard(this);
        }
    }
}
