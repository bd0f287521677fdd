package io.opsgate.engine.notify;

/**
 * Notify's answer to a provider callback, which ingest sends back as it is.
 *
 * @param status      HTTP status: 200, 403 (bad signature), 404 (unknown token or another tenant's path)
 * @param contentType the body's media type
 * @param body        TwiML, or empty
 */
public record CallbackReply(int status, String contentType, String body) {
}
