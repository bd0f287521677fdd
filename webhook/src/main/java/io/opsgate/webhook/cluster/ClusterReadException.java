package io.opsgate.webhook.cluster;

/** The API server could not be asked; the review is denied as unavailable, to be retried. */
public final class ClusterReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
