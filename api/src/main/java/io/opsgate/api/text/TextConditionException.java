package io.opsgate.api.text;

/** A syntax error in a text condition, with its 1-based position. */
public final class TextConditionException extends IllegalArgumentException {
    private final int position;

    public TextConditionException(int position, String message) {
        super("at position " + position + ": " + message);
        this.position = position;
    }

    /** 1-based character position of the error. */
    public int position() {
        return position;
    }
}
