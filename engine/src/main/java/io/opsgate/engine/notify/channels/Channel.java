package io.opsgate.engine.notify.channels;

import io.opsgate.engine.notify.Notification;

import java.util.concurrent.CompletableFuture;

/** A destination of notifications: renders one and makes one delivery attempt. */
public interface Channel {
    /** One attempt; the future never fails, a failure is an {@link Outcome}. */
    CompletableFuture<Outcome> send(Notification notification);
}
