package io.opsgate.engine.notify.callout;

/**
 * What the callback route answers the provider.
 *
 * @param status      HTTP status
 * @param contentType the body's media type
 * @param body        TwiML, or empty
 */
public record CallbackResponse(int status, String contentType, String body) {
    static final String XML = "application/xml; charset=utf-8";

    static CallbackResponse twiml(String body) {
        return new CallbackResponse(200, XML, body);
    }

    static CallbackResponse refused(int status) {
        return new CallbackResponse(status, XML, Twiml.empty());
    }
}
