package io.opsgate.api.v1alpha1;

/** What a Tenant's deletion does to its data. */
public enum DeletionPolicy {
    Purge,
    Retain
}
