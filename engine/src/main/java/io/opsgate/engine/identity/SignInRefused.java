package io.opsgate.engine.identity;

/**
 * A sign-in that cannot go on, with the reason shown to the person and written to the access log. The
 * message never carries a secret (no code, token or state value).
 */
public final class SignInRefused extends Exception {
    private final int status;
    private final String reason;

    /**
     * @param status HTTP status of the refusal page
     * @param reason a CamelCase reason (StateMismatch, NonceMismatch, InvalidIdToken, NoRole, ...)
     */
    public SignInRefused(int status, String reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
