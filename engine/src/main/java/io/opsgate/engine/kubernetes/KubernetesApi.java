package io.opsgate.engine.kubernetes;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The few Kubernetes API calls the ingest engine makes (create OpsJobRuns, list and watch them, patch
 * Monitor status), as plain REST. The engine has no Kubernetes client library on purpose: these calls
 * are all it needs, and its Role allows exactly them (docs/monitors-and-jobs.md, "RBAC").
 */
public interface KubernetesApi extends AutoCloseable {

    /**
     * An answer of the API server.
     *
     * @param status HTTP status
     * @param body   the body as sent (JSON for every call the engine makes)
     */
    record Response(int status, byte[] body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** One request; the future fails only when the server could not be reached. */
    CompletableFuture<Response> send(String method, String path, String contentType, byte[] body);

    /** Opens a watch ({@code ?watch=1}): one JSON event per line until the server ends it or it is closed. */
    LineStream watch(String path) throws IOException;

    /** A stream of lines that another thread may close to stop a blocked reader. */
    interface LineStream extends AutoCloseable {
        /** The next line, or null at the end of the stream. */
        String readLine() throws IOException;

        @Override
        void close();
    }

    @Override
    void close();
}
