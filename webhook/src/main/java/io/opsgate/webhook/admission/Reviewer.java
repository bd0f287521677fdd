package io.opsgate.webhook.admission;

/** Judges one admission request. Runs on a worker thread: it may read the cluster. */
@FunctionalInterface
public interface Reviewer {
    Review review(ReviewRequest request);
}
