package io.opsgate.engine.notify.callout;

import java.net.URI;
import java.time.Duration;

/**
 * One call to place.
 *
 * @param to                the person's number, E.164
 * @param from              the caller number, E.164
 * @param scriptUrl         where the provider fetches what to say (TwiML) once the call is answered
 * @param statusCallbackUrl where the provider reports how the call ended
 * @param ringTimeout       how long the phone rings before the call counts as not answered
 */
public record CallRequest(String to, String from, URI scriptUrl, URI statusCallbackUrl, Duration ringTimeout) {
    @Override
    public String toString() {
        // The number is personal data; a request that reaches a log names only where it calls back.
        return "CallRequest[script=" + scriptUrl + "]";
    }
}
