package io.opsgate.engine.handoff;

import io.opsgate.engine.notify.DeliveryReport;

import java.util.List;

/** What the tenant API shows of delivery: the delivery log of a ticket and the dead letters. */
public interface DeliveryRecords {
    /** The attempts of a ticket's notifications, oldest first. */
    List<DeliveryReport> deliveries(String tenant, long ticketId);

    /** Dead letters newest first, below report id {@code before} (0: from the newest), at most {@code limit}. */
    List<DeliveryReport> deadLetters(String tenant, long before, int limit);
}
