package io.opsgate.webhook.admission;

import io.opsgate.webhook.cluster.ClusterReadException;
import io.opsgate.webhook.metrics.WebhookMetrics;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * One admission endpoint: reads the AdmissionReview, lets its {@link Reviewer} judge it on a worker
 * thread (reviewers may read the cluster), answers, and counts. A body that is not a review gets
 * HTTP 400; anything else gets HTTP 200 with the verdict, even when the webhook itself failed, so
 * the user sees why.
 */
public final class AdmissionHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionHandler.class);
    private static final String JSON = "application/json";

    private final Reviewer reviewer;
    private final WebhookMetrics metrics;

    public AdmissionHandler(Reviewer reviewer, WebhookMetrics metrics) {
        this.reviewer = reviewer;
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        Buffer body = ctx.body().buffer();
        ReviewRequest request;
        try {
            request = AdmissionReviews.parse(body == null ? new byte[0] : body.getBytes());
        } catch (BadReviewException e) {
            metrics.answered(WebhookMetrics.UNKNOWN, WebhookMetrics.UNKNOWN, false, List.of("BadRequest"), since(start));
            ctx.response().setStatusCode(400).putHeader("Content-Type", JSON)
                    .end(Buffer.buffer(AdmissionReviews.badRequest(e.getMessage())));
            return;
        }
        ctx.vertx().executeBlocking(() -> reviewSafely(request), false).onComplete(done -> {
            Review review = done.succeeded() ? done.result() : fault(request, done.cause());
            metrics.answered(request.kind(), request.operation(), review.allowed(), review.reasons(), since(start));
            if (!review.allowed()) {
                LOG.info("denied {} {} {}/{} ({}): {}", request.operation(), request.kind(), request.namespace(),
                        request.name(), request.uid(), review.message());
            }
            ctx.response().putHeader("Content-Type", JSON)
                    .end(Buffer.buffer(AdmissionReviews.respond(request.uid(), review)));
        });
    }

    private Review reviewSafely(ReviewRequest request) {
        try {
            return reviewer.review(request);
        } catch (ClusterReadException e) {
            LOG.warn("cannot check {} {}/{} against the cluster: {}", request.kind(), request.namespace(), request.name(),
                    e.getMessage());
            return Review.failed(503, "ClusterUnavailable", "the opsgate webhook could not check " + request.kind()
                    + " \"" + request.name() + "\" against the cluster (" + e.getMessage() + "); try again");
        } catch (RuntimeException e) {
            return fault(request, e);
        }
    }

    private static Review fault(ReviewRequest request, Throwable e) {
        LOG.error("fault while reviewing {} {} {}/{}", request.operation(), request.kind(), request.namespace(),
                request.name(), e);
        return Review.failed(500, "InternalError", "the opsgate webhook failed on " + request.kind() + " \""
                + request.name() + "\": " + e + "; this is a bug, please report it");
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
