package io.opsgate.webhook.admission;

/** A request body that is not an AdmissionReview v1 request; answered with HTTP 400. */
public final class BadReviewException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadReviewException(String message) {
        super(message, null, false, false);
    }
}
