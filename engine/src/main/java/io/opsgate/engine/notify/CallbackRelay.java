package io.opsgate.engine.notify;

import java.util.concurrent.CompletableFuture;

/**
 * How a provider callback reaches the call-outs: over notify's internal API from ingest in a cluster, by a call
 * in standalone and inside notify.
 */
public interface CallbackRelay {
    CompletableFuture<CallbackReply> relay(ProviderCallback callback);
}
