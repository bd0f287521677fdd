package io.opsgate.engine.http;

import io.vertx.core.buffer.Buffer;

/**
 * A response to send: status, content type and body.
 *
 * @param status      HTTP status
 * @param contentType null for an empty body
 * @param body        the bytes, possibly empty
 */
record Reply(int status, String contentType, Buffer body) {
    static final String JSON = "application/json";

    static Reply json(int status, byte[] body) {
        return new Reply(status, JSON, Buffer.buffer(body));
    }

    static Reply empty(int status) {
        return new Reply(status, null, Buffer.buffer());
    }
}
