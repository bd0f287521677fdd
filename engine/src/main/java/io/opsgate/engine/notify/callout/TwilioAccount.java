package io.opsgate.engine.notify.callout;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The credentials of a Twilio-compatible account, read from the CallOut channel's Secret (keys
 * {@code accountSid} and {@code authToken}). {@link #toString()} never shows the token.
 *
 * @param accountSid the account id, part of every resource URL
 * @param authToken  the secret: HTTP basic auth password and the key of callback signatures
 */
public record TwilioAccount(String accountSid, String authToken) {

    /** The Authorization header value. */
    String basicAuthorization() {
        String pair = accountSid + ":" + authToken;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "TwilioAccount[" + accountSid + "]";
    }
}
