package io.opsgate.engine.notify.contacts;

/**
 * A person's entry in the contacts Secret cannot be used. The message names the person and the field,
 * never a value: the values are personal data.
 */
public final class InvalidContact extends Exception {
    private final String field;

    public InvalidContact(String person, String field, String message) {
        super("contact " + person + ": " + field + ": " + message, null, false, false);
        this.field = field;
    }

    /** The field of the entry that is wrong, e.g. phone. */
    public String field() {
        return field;
    }
}
