package io.opsgate.operator.config;

import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.AlertSourceSpec;

import io.opsgate.api.v1alpha1.OidcSpec;
import io.opsgate.api.v1alpha1.TenantSpec;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which credentials ingest needs: for SMTP AUTH the Secrets referenced by the mail AlertSources in the
 * compiled configuration (valid ones only), each with the keys username and password; for the console's
 * sign-in the Secret of the Tenant's {@code spec.console.oidc.clientSecretRef}, key clientSecret. Ingest mounts
 * them at {@code /var/run/opsgate/secrets/<secretName>/<key>}, where the engine reads them.
 */
public final class IntakeSecrets {

    /** The keys the SMTP intake reads from an AlertSource's authSecretRef. */
    public static final List<String> KEYS = List.of("password", "username");

    private IntakeSecrets() {
    }

    /** The Secrets of the valid mail sources and of the console's OpenID client, sorted by name, each once. */
    public static List<ChannelSecret> of(CompiledConfig config) {
        Map<String, Set<String>> keys = new TreeMap<>();
        for (NamedSpec<AlertSourceSpec> source : config.alertSources) {
            AlertSourceSpec spec = source.spec;
            if (spec != null && spec.mail != null && spec.mail.authSecretRef != null && spec.mail.authSecretRef.name != null) {
                keys.computeIfAbsent(spec.mail.authSecretRef.name, k -> new TreeSet<>()).addAll(KEYS);
            }
        }
        TenantSpec tenant = config.tenantSpec;
        if (tenant != null && tenant.console != null && tenant.console.oidc != null
                && tenant.console.oidc.clientSecretRef != null && tenant.console.oidc.clientSecretRef.name != null) {
            keys.computeIfAbsent(tenant.console.oidc.clientSecretRef.name, k -> new TreeSet<>()).add(OidcSpec.CLIENT_SECRET_KEY);
        }
        return keys.entrySet().stream().map(e -> new ChannelSecret(e.getKey(), List.copyOf(e.getValue()))).toList();
    }
}
