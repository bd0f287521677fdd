package io.opsgate.operator.tenant.model;

import io.opsgate.api.v1alpha1.TenantSpec;
import io.opsgate.api.v1alpha1.WorkloadSpec;

/** The two workloads of a tenant and the names, ports and mode the contract gives each. */
public enum Workload {
    INGEST("ingest", 9093),
    NOTIFY("notify", 9094);

    /** The SMTP intake port of ingest. */
    public static final int SMTP_PORT = 2525;

    private final String component;
    private final int httpPort;

    Workload(String component, int httpPort) {
        this.component = component;
        this.httpPort = httpPort;
    }

    /** The value of app.kubernetes.io/component and the engine's mode argument. */
    public String component() {
        return component;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Name of the Deployment, Service and ServiceAccount. */
    public String objectName() {
        return "opsgate-" + component;
    }

    /** Name of the PersistentVolumeClaim of its embedded store. */
    public String dataClaimName() {
        return "opsgate-" + component + "-data";
    }

    /** The part of a (defaulted) tenant spec that sizes this workload. */
    public WorkloadSpec spec(TenantSpec spec) {
        return this == INGEST ? spec.ingest : spec.notify;
    }
}
