package io.opsgate.api.validation;

/** Condition reasons for invalid objects. Stable: dashboards and alerts may key on them. */
public final class Reasons {
    public static final String MISSING_FIELD = "MissingField";
    public static final String INVALID_VALUE = "InvalidValue";
    public static final String INVALID_MATCHER = "InvalidMatcher";
    public static final String INVALID_REGEX = "InvalidRegex";
    /** A regex whose compiled program would be too large or too deep (io.opsgate.api.regex.RegexBudget). */
    public static final String REGEX_TOO_COMPLEX = "RegexTooComplex";
    public static final String INVALID_DURATION = "InvalidDuration";
    public static final String INVALID_TIME = "InvalidTime";
    public static final String INVALID_TIME_WINDOW = "InvalidTimeWindow";
    public static final String INVALID_TIME_ZONE = "InvalidTimeZone";
    public static final String INVALID_CRON = "InvalidCron";
    public static final String INVALID_CIDR = "InvalidCIDR";
    public static final String INVALID_URL = "InvalidURL";
    public static final String INVALID_TEMPLATE = "InvalidTemplate";
    public static final String INVALID_TEXT_CONDITION = "InvalidTextCondition";
    public static final String UNKNOWN_CHANNEL = "UnknownChannel";
    public static final String UNKNOWN_ALERT_RULE = "UnknownAlertRule";
    public static final String UNKNOWN_OPS_JOB = "UnknownOpsJob";
    public static final String UNKNOWN_ON_CALL_SCHEDULE = "UnknownOnCallSchedule";
    public static final String UNKNOWN_CONTACT_GROUP = "UnknownContactGroup";
    /** A reference names an object of the wrong type, e.g. a Slack channel where a CallOut channel is needed. */
    public static final String CHANNEL_TYPE_MISMATCH = "ChannelTypeMismatch";
    /** An escalation level names a schedule that has no callOut settings. */
    public static final String CALL_OUT_NOT_CONFIGURED = "CallOutNotConfigured";
    /** ContactGroups fall back to each other in a circle. */
    public static final String FALLBACK_CYCLE = "FallbackCycle";
    public static final String DEPENDENCY_CYCLE = "DependencyCycle";
    public static final String LIMIT_EXCEEDED = "LimitExceeded";
    public static final String IMMUTABLE_FIELD = "ImmutableField";
    /** A tenant object names a Secret opsgate keeps for itself (keys, CA, tokens): {@link SecretReferences}. */
    public static final String RESERVED_SECRET = "ReservedSecret";
    /**
     * A Monitor or channel connects where the Tenant's spec.egress does not reach (io.opsgate.api.egress), or an
     * OpsJob asks for egress its Tenant's spec.egress does not grant.
     */
    public static final String EGRESS_NOT_GRANTED = "EgressNotGranted";
    /** A Monitor sends a header that could smuggle a request or reach a metadata service. */
    public static final String FORBIDDEN_HEADER = "ForbiddenHeader";
    /** A Tenant names a namespace another Tenant already owns. */
    public static final String NAMESPACE_TAKEN = "NamespaceTaken";

    private Reasons() {
    }
}
