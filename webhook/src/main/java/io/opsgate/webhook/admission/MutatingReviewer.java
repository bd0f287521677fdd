package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The mutating webhook: writes every default into the object, so what is stored is explicit. An
 * object it cannot read is left alone; the validating webhook then says what is wrong with it.
 */
public final class MutatingReviewer implements Reviewer {

    @Override
    public Review review(ReviewRequest r) {
        if (!OpsgateKinds.known(r) || !OpsgateKinds.writes(r) || r.object() == null) {
            return Review.allow();
        }
        ArrayNode patch = DefaultsPatch.forObject(r.kind(), r.object());
        return patch.isEmpty() ? Review.allow() : Review.allowWithPatch(patch.toString());
    }
}
