package io.opsgate.operator.config;

import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.AlertSourceSpec;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which credentials ingest needs for SMTP AUTH: the Secrets referenced by the mail AlertSources in the
 * compiled configuration (valid ones only), each with the keys username and password. Ingest mounts
 * them at {@code /var/run/opsgate/secrets/<secretName>/<key>}, where the engine's SMTP intake reads them.
 */
public final class IntakeSecrets {

    /** The keys the SMTP intake reads from an AlertSource's authSecretRef. */
    public static final List<String> KEYS = List.of("password", "username");

    private IntakeSecrets() {
    }

    /** The Secrets of the valid mail sources, sorted by name, each once. */
    public static List<ChannelSecret> of(CompiledConfig config) {
        Set<String> names = new TreeSet<>();
        for (NamedSpec<AlertSourceSpec> source : config.alertSources) {
            AlertSourceSpec spec = source.spec;
            if (spec != null && spec.mail != null && spec.mail.authSecretRef != null && spec.mail.authSecretRef.name != null) {
                names.add(spec.mail.authSecretRef.name);
            }
        }
        return names.stream().map(n -> new ChannelSecret(n, KEYS)).toList();
    }
}
