package io.opsgate.webhook.admission;

import io.opsgate.api.v1alpha1.OpsgateApi;
import io.opsgate.api.validation.ObjectValidator;

/** Which requests are about opsgate objects the webhook knows. */
final class OpsgateKinds {
    private OpsgateKinds() {
    }

    static boolean known(ReviewRequest r) {
        return OpsgateApi.GROUP.equals(r.group()) && ObjectValidator.KINDS.contains(r.kind());
    }

    /** Only creating and changing an object is judged; the chart registers nothing else. */
    static boolean writes(ReviewRequest r) {
        return "CREATE".equals(r.operation()) || "UPDATE".equals(r.operation());
    }
}
