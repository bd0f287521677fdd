package io.opsgate.api.config;

import io.opsgate.api.v1alpha1.ContactGroup;
import io.opsgate.api.v1alpha1.OnCallSchedule;
import io.opsgate.api.v1alpha1.OperationsSuspension;

import java.util.List;

/**
 * The on-call objects of a tenant namespace: schedules, contact groups and suspensions. Kept apart from
 * {@link TenantResources}' other lists so callers that do not know them yet keep compiling unchanged.
 */
public record OnCallResources(List<OnCallSchedule> schedules,
                              List<ContactGroup> contactGroups,
                              List<OperationsSuspension> suspensions) {

    /** A namespace without on-call objects. */
    public static final OnCallResources NONE = new OnCallResources(List.of(), List.of(), List.of());

    public OnCallResources {
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
        contactGroups = contactGroups == null ? List.of() : List.copyOf(contactGroups);
        suspensions = suspensions == null ? List.of() : List.copyOf(suspensions);
    }
}
