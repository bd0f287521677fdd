package io.opsgate.engine.egress;

import java.io.IOException;

/**
 * A connection the tenant's egress policy refused before it was opened. An {@link IOException}, so it travels the
 * paths connection errors take; callers that tell it apart treat it as permanent (retrying cannot help).
 */
public final class EgressRefusedException extends IOException {
    public EgressRefusedException(String message) {
        super(message, null);
    }
}
