package io.opsgate.engine.notify.channels;

/** A credential file the channel needs is not there (or empty): the delivery cannot succeed as configured. */
public final class MissingCredential extends Exception {
    public MissingCredential(String message) {
        super(message, null, false, false);
    }
}
