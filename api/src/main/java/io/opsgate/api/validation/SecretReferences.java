package io.opsgate.api.validation;

import io.opsgate.api.common.SecretReference;
import io.opsgate.api.v1alpha1.AlertSourceSpec;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.OpsgateApi;
import io.opsgate.api.v1alpha1.TenantSpec;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which Secrets a tenant's own objects (OpsJob credentials, a NotificationChannel's secretRef, a mail
 * AlertSource's authSecretRef) may name. Never those opsgate keeps in the tenant namespace: its
 * key-encryption keys, CA, TLS key, internal token, API tokens and compiled configuration. A tenant
 * owner who could mount one into a job and read the job's log would hold the keys to the tenant's data
 * and to the workloads' internal API (issue 13, finding 3).
 *
 * <p>Three marks, checked where each is known: names starting with {@value #RESERVED_PREFIX} are
 * opsgate's (every Secret the operator creates has one; the shared validator and the CRD schema refuse
 * them); the Secrets the Tenant itself names (its tokens, TLS Secret, database credentials, console
 * client secret; the compiler and the webhook refuse them, as they know the Tenant); and the label
 * {@value OpsgateApi#MANAGED_SECRET_LABEL} on the Secret itself, which the operator checks on the live
 * Secret before it mounts one.
 */
public final class SecretReferences {

    /** Secret names tenant objects cannot use: the operator names every Secret it creates this way. */
    public static final String RESERVED_PREFIX = OpsgateApi.NAMESPACE_PREFIX;

    private SecretReferences() {
    }

    /** Whether the name is one opsgate reserves for its own Secrets. */
    public static boolean reservedName(String secret) {
        return secret != null && secret.startsWith(RESERVED_PREFIX);
    }

    /** The Secrets a Tenant names for opsgate's use, whatever their names: tenant objects cannot use them. */
    public static Set<String> namedByTenant(TenantSpec spec) {
        Set<String> names = new TreeSet<>();
        if (spec == null) {
            return names;
        }
        for (ApiTokenSpec t : spec.apiTokens == null ? java.util.List.<ApiTokenSpec>of() : spec.apiTokens) {
            if (t != null && t.secretName != null) {
                names.add(t.secretName);
            }
        }
        if (spec.security != null && spec.security.tlsSecretName != null) {
            names.add(spec.security.tlsSecretName);
        }
        if (spec.storage != null) {
            add(names, spec.storage.postgres);
        }
        if (spec.console != null && spec.console.oidc != null) {
            add(names, spec.console.oidc.clientSecretRef);
        }
        return names;
    }

    /** Refuses a reserved name at {@code path}; other names are left to the caller's format checks. */
    static void notReserved(String secret, String path, ValidationResult r) {
        if (reservedName(secret)) {
            r.add(path, Reasons.RESERVED_SECRET, refusal(secret, "its name starts with " + RESERVED_PREFIX));
        }
    }

    /** The credentials of an OpsJob that name a Secret the Tenant uses itself. */
    public static ValidationResult opsJob(OpsJobSpec spec, Set<String> tenantSecrets) {
        ValidationResult r = ValidationResult.ok();
        for (int i = 0; spec != null && spec.credentials != null && i < spec.credentials.size(); i++) {
            OpsJobSpec.CredentialMount m = spec.credentials.get(i);
            namedByTenant(m == null ? null : m.secretName, "spec.credentials[" + i + "].secretName", tenantSecrets, r);
        }
        return r;
    }

    /** The secretRef of a NotificationChannel when it names a Secret the Tenant uses itself. */
    public static ValidationResult notificationChannel(NotificationChannelSpec spec, Set<String> tenantSecrets) {
        ValidationResult r = ValidationResult.ok();
        if (spec != null && spec.secretRef != null) {
            namedByTenant(spec.secretRef.name, "spec.secretRef.name", tenantSecrets, r);
        }
        return r;
    }

    /** The SMTP AUTH Secret of a mail AlertSource when it is one the Tenant uses itself. */
    public static ValidationResult alertSource(AlertSourceSpec spec, Set<String> tenantSecrets) {
        ValidationResult r = ValidationResult.ok();
        if (spec != null && spec.mail != null && spec.mail.authSecretRef != null) {
            namedByTenant(spec.mail.authSecretRef.name, "spec.mail.authSecretRef.name", tenantSecrets, r);
        }
        return r;
    }

    /** The message of a refusal: which Secret, and why. */
    public static String refusal(String secret, String because) {
        return "Secret " + secret + " is one opsgate keeps for itself (" + because
                + "); a tenant's objects cannot use it: create a Secret of your own";
    }

    private static void namedByTenant(String secret, String path, Set<String> tenantSecrets, ValidationResult r) {
        // a reserved name is the shared validator's to report, once
        if (secret != null && !reservedName(secret) && tenantSecrets.contains(secret)) {
            r.add(path, Reasons.RESERVED_SECRET, refusal(secret, "the Tenant uses it"));
        }
    }

    private static void add(Set<String> names, SecretReference ref) {
        if (ref != null && ref.name != null) {
            names.add(ref.name);
        }
    }
}
