package io.opsgate.engine.domain;

/**
 * A request the engine refuses after parsing: the state it refers to does not allow it. Carries the HTTP
 * status the API answers with and the field it concerns.
 */
public final class Rejected extends RuntimeException {
    private final int status;
    private final String field;

    public Rejected(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
