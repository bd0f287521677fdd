package io.opsgate.engine.alerting;

import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.GroupState;

import java.util.List;

/**
 * A notification a group flush decided to send.
 *
 * @param group    the group
 * @param firing   its firing alerts at the flush
 * @param resolved its resolved alerts at the flush
 * @param repeat   whether nothing changed and it repeats after repeatInterval
 * @param state    the group's notification state after the flush, to store
 */
public record GroupFlush(AggregationGroup group, List<Alert> firing, List<Alert> resolved, boolean repeat,
                         GroupState state) {
}
