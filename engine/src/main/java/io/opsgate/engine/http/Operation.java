package io.opsgate.engine.http;

import java.util.concurrent.CompletionStage;

/** One API operation. Thrown {@link ApiError}s and failed stages become JSON error responses. */
@FunctionalInterface
interface Operation {
    CompletionStage<Reply> handle(Call call);
}
