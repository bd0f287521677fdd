package io.opsgate.engine.notify.callout;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A NotificationChannel of type CallOut, ready to use: its provider, its caller numbers, and the account
 * whose auth token signs the provider's callbacks.
 *
 * @param name     the channel's name
 * @param provider places calls and sends SMS
 * @param from     the caller number
 * @param smsFrom  the SMS sender number
 * @param account  read when needed, so a rotated Secret applies at once
 */
public record CallOutChannel(String name, CallProvider provider, String from, String smsFrom,
                             Supplier<TwilioAccount> account) {
    public CallOutChannel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(from, "from");
        smsFrom = smsFrom == null ? from : smsFrom;
    }
}
