package io.opsgate.engine.sources;

/** A webhook payload that cannot become an alert, naming the path of the field that is wrong. */
public final class PayloadException extends RuntimeException {
    private final String field;

    public PayloadException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The JSON path (as the AlertSource declares it) or the label the problem is about. */
    public String field() {
        return field;
    }
}
