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
 * One admission endpoint: reads the AdmissionReview, lets its {@link Reviewer} judge it, answers,
 * and counts. Reading and judging run on a worker thread: bodies are large and reviewers may read
 * the cluster. A body that is not a review gets HTTP 400; anything else gets HTTP 200 with the
 * verdict, even when the webhook itself failed, so the user sees why.
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

    /** What goes back, and what the metrics record of it. */
    private record Answer(int status, byte[] body, String kind, String operation, boolean allowed, List<String> reasons) {
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        Buffer buffer = ctx.body().buffer();
        byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
        ctx.vertx().executeBlocking(() -> answer(body), false).onComplete(done -> {
            Answer a = done.succeeded() ? done.result() : new Answer(400,
                    AdmissionReviews.badRequest("the request could not be read"), WebhookMetrics.UNKNOWN,
                    WebhookMetrics.UNKNOWN, false, List.of("BadRequest"));
            metrics.answered(a.kind(), a.operation(), a.allowed(), a.reasons(), Duration.ofNanos(System.nanoTime() - start));
            ctx.response().setStatusCode(a.status()).putHeader("Content-Type", JSON).end(Buffer.buffer(a.body()));
        });
    }

    private Answer answer(byte[] body) {
        ReviewRequest request;
        try {
            request = AdmissionReviews.parse(body);
        } catch (BadReviewException e) {
            return new Answer(400, AdmissionReviews.badRequest(e.getMessage()), WebhookMetrics.UNKNOWN,
                    WebhookMetrics.UNKNOWN, false, List.of("BadRequest"));
        }
        Review review = reviewSafely(request);
        if (!review.allowed()) {
            LOG.info("denied {} {} {}/{} ({}): {}", request.operation(), request.kind(), request.namespace(),
                    request.name(), request.uid(), review.message());
        }
        return new Answer(200, AdmissionReviews.respond(request.uid(), review), request.kind(), request.operation(),
                review.allowed(), review.reasons());
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
            LOG.error("fault while reviewing {} {} {}/{}", request.operation(), request.kind(), request.namespace(),
                    request.name(), e);
            return Review.failed(500, "InternalError", "the opsgate webhook failed on " + request.kind() + " \""
                    + request.name() + "\": " + e + "; this is a bug, please report it");
        }
    }
}
