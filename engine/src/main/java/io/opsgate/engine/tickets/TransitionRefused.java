package io.opsgate.engine.tickets;

/** A ticket change its state does not allow; the API answers 409. */
public final class TransitionRefused extends RuntimeException {
    public TransitionRefused(String message) {
        super(message);
    }
}
