package io.opsgate.engine.notify.callout;

import java.util.concurrent.CompletableFuture;

/**
 * A voice and SMS provider, whatever protocol it speaks. Every future completes normally: a failure is a
 * {@link ProviderAnswer} (retry or rejected), never an exception.
 */
public interface CallProvider {

    /** Places a call that will fetch its script from {@link CallRequest#scriptUrl()}. */
    CompletableFuture<ProviderAnswer> call(CallRequest request);

    /** Sends an SMS. */
    CompletableFuture<ProviderAnswer> sms(SmsRequest request);

    /** Ends a call that is still ringing or in progress (accepted when it has ended). */
    CompletableFuture<ProviderAnswer> hangUp(String callId);
}
