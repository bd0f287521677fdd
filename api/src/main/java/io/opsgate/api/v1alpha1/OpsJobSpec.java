package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

/** What an operation runs, when, and with which guardrails. */
@JsonClassDescription("The container to run and when: schedule, trigger or dependsOn; timeout, retries, guardrails and "
        + "credentials.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.schedule) || has(self.trigger) || (has(self.dependsOn) && size(self.dependsOn) > 0)"
        + " || (has(self.manual) && self.manual)",
        message = "an OpsJob needs a schedule, a trigger, dependsOn, or manual: true")
@ValidationRule(value = "!(has(self.schedule) && has(self.trigger))",
        message = "schedule and trigger are mutually exclusive")
public class OpsJobSpec {

    @Required
    @JsonPropertyDescription("The container that runs the operation. Its pod runs hardened: non-root, read-only "
            + "root filesystem, no capabilities.")
    public JobContainer container;

    @JsonPropertyDescription("Run on a cron schedule; the operator reconciles a CronJob.")
    public ScheduleSpec schedule;

    @JsonPropertyDescription("Run when an AlertRule matches an alert.")
    public TriggerSpec trigger;

    @Size(max = 20)
    @JsonPropertyDescription("OpsJobs of the same namespace that must succeed before this one starts (a job net). "
            + "When one fails, this job is skipped.")
    public List<String> dependsOn = new ArrayList<>();

    @Pattern(SchemaPatterns.DURATION)
    @Default("30m")
    @JsonPropertyDescription("Longest a run may take before it is stopped and failed.")
    public String timeout;

    @Min(0)
    @Max(10)
    @Default("0")
    @JsonPropertyDescription("Retries of a failed run before it counts as failed.")
    public Integer retries;

    @Default("Forbid")
    @JsonPropertyDescription("What a new run does while one is running: Allow (run both), Forbid (skip the new "
            + "one), Replace (stop the old one).")
    public ConcurrencyPolicy concurrencyPolicy;

    @Default("false")
    @JsonPropertyDescription("Whether the tenant's operators and owners may start this job by hand (the console's "
            + "button, POST /api/v1/jobs/<name>/runs), through the same guardrails and concurrency policy as "
            + "automatic runs. Default false.")
    public Boolean manual;

    @JsonPropertyDescription("Limits on automatic runs, so an alert storm cannot start a job a thousand times.")
    public Guardrails guardrails;

    @Size(max = 10)
    @JsonPropertyDescription("Secrets (server login keys, cloud account keys) mounted read-only into this job's "
            + "pod only, at /var/run/opsgate/credentials/<secretName>.")
    public List<CredentialMount> credentials = new ArrayList<>();

    @Size(max = 20)
    @JsonPropertyDescription("Where this job's pods may connect (cidr, except, TCP ports; no ports = all), plus DNS. "
            + "Each rule must lie within the Tenant's spec.egress, else the job is not valid (EgressNotGranted). "
            + "Empty: the pods reach nothing, as the tenant namespace denies all traffic by default.")
    public List<EgressRule> egress = new ArrayList<>();

    @JsonPropertyDescription("Standalone mode only: a local command run instead of the container, and only when "
            + "opsgate starts with --allow-local-jobs. Ignored in a cluster.")
    public LocalCommand local;

    /** Kubernetes CronJob concurrency policies. */
    public enum ConcurrencyPolicy {
        Allow, Forbid, Replace
    }

    /** The container of a job. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class JobContainer {
        @Required
        @Size(min = 1)
        @JsonPropertyDescription("Container image.")
        public String image;

        @JsonPropertyDescription("Entrypoint; the image's when empty.")
        public List<String> command = new ArrayList<>();

        @JsonPropertyDescription("Arguments.")
        public List<String> args = new ArrayList<>();

        @JsonPropertyDescription("Environment variables.")
        public List<EnvVar> env = new ArrayList<>();

        @JsonPropertyDescription("Requests and limits; the namespace's LimitRange defaults when empty.")
        public io.opsgate.api.common.ComputeResources resources;
    }

    /** A plain environment variable. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class EnvVar {
        @Required
        @Pattern("^[-._a-zA-Z][-._a-zA-Z0-9]*$")
        @JsonPropertyDescription("Variable name.")
        public String name;
        @JsonPropertyDescription("Value.")
        public String value;
    }

    /** When a job runs on its own. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ScheduleSpec {
        @Required
        @JsonPropertyDescription("Cron expression with five fields (minute hour day-of-month month day-of-week), "
                + "or a macro such as @hourly.")
        public String cron;

        @JsonPropertyDescription("IANA time zone of the schedule, e.g. Asia/Tokyo. Default UTC.")
        public String timeZone;
    }

    /** Which alerts start a job. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TriggerSpec {
        @Required
        @JsonPropertyDescription("Name of the AlertRule whose matches start this job.")
        public String alertRule;
    }

    /** Rate limits on automatic runs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Guardrails {
        @Pattern(SchemaPatterns.DURATION)
        @Default("10m")
        @JsonPropertyDescription("Least time between two automatic runs.")
        public String cooldown;

        @Min(1)
        @Max(60)
        @Default("6")
        @JsonPropertyDescription("Most automatic runs in any hour.")
        public Integer maxRunsPerHour;
    }

    /** A Secret mounted into the job's pod; never one of opsgate's own (io.opsgate.api.validation.SecretReferences). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(value = "!self.secretName.startsWith('opsgate-')",
            message = "Secrets named opsgate-* are opsgate's own (keys, CA, tokens); a job cannot mount them")
    public static class CredentialMount {
        @Required
        @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
        @JsonPropertyDescription("Secret in the same namespace.")
        public String secretName;
    }

    /** A local process, standalone only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class LocalCommand {
        @Size(min = 1)
        @JsonPropertyDescription("Program and arguments, run without a shell.")
        public List<String> command = new ArrayList<>();
    }
}
