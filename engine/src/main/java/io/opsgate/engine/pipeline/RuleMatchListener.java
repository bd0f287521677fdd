package io.opsgate.engine.pipeline;

import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.store.WriteSet;

/**
 * Told of each rule that matched a firing alert which is neither silenced nor inhibited, on the lane, with the
 * write set the alert is committed in (OpsJob triggers listen; docs/monitors-and-jobs.md).
 */
@FunctionalInterface
public interface RuleMatchListener {
    RuleMatchListener NONE = (rule, alert, now, writes) -> { };

    void matched(String rule, Alert alert, long now, WriteSet writes);
}
