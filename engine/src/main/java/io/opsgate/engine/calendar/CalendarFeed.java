package io.opsgate.engine.calendar;

/**
 * One issued iCalendar feed of a person: stored with the SHA-256 of its token only, so neither the store nor
 * the API can show the token again after it was issued.
 */
public final class CalendarFeed {
    /** Random, names the feed in the API (to list and revoke it); not the token. */
    public String id;
    public String tenant;
    /** The person whose shifts the feed shows. */
    public String person;
    /** Hex SHA-256 of the token. */
    public String tokenHash;
    /** Epoch milliseconds. */
    public long createdAt;
    /** Who issued it (token name or console person). */
    public String createdBy;
}
