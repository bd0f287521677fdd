package io.opsgate.api.v1alpha1;

/** Names shared by every opsgate resource. */
public final class OpsgateApi {
    public static final String GROUP = "opsgate.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    /** {@code kubectl get opsgate} lists every kind in this category. */
    public static final String CATEGORY = "opsgate";

    static final String READY_STATUS = ".status.conditions[?(@.type==\"Ready\")].status";
    static final String READY_MESSAGE = ".status.conditions[?(@.type==\"Ready\")].message";

    /** Label on every object the operator creates for a tenant. */
    public static final String TENANT_LABEL = "opsgate.io/tenant";
    /**
     * On every Secret opsgate creates in a tenant namespace ("true"): no tenant object may mount such a
     * Secret, whatever its name (io.opsgate.api.validation.SecretReferences).
     */
    public static final String MANAGED_SECRET_LABEL = "opsgate.io/managed-secret";
    /** Names the role of an object the operator creates: ingest, notify, rbac, ... */
    public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "opsgate-operator";
    /** On every object made for an OpsJob (CronJob, Job, pod, OpsJobRun): the OpsJob's name. */
    public static final String OPSJOB_LABEL = "opsgate.io/opsjob";
    /** On the Jobs and pods of one OpsJobRun: the run's name. */
    public static final String OPSJOBRUN_LABEL = "opsgate.io/opsjobrun";
    /** Where a tenant's namespace is found when spec.namespace is not set: this prefix and the tenant name. */
    public static final String NAMESPACE_PREFIX = "opsgate-";
    /**
     * The Secret (or credential-vault entry) in the tenant namespace that holds the people's contact
     * details, one key per person id; the format is in docs/oncall.md. Personal data lives only there.
     */
    public static final String CONTACTS_SECRET = "opsgate-contacts";
    /** A person id: a key of the contacts Secret, lower case so it is also a DNS-safe name. */
    public static final String PERSON_ID_PATTERN = "^[a-z0-9]([-a-z0-9._]{0,61}[a-z0-9])?$";
    /** The name of an object in the same namespace. */
    public static final String OBJECT_NAME_PATTERN = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";

    private OpsgateApi() {
    }
}
