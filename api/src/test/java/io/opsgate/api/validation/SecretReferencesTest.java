package io.opsgate.api.validation;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.opsgate.api.common.SecretReference;
import io.opsgate.api.config.Compilation;
import io.opsgate.api.config.ConfigCompiler;
import io.opsgate.api.config.ObjectKey;
import io.opsgate.api.config.TenantResources;
import io.opsgate.api.v1alpha1.AlertSource;
import io.opsgate.api.v1alpha1.AlertSourceSpec;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.api.v1alpha1.SecuritySpec;
import io.opsgate.api.v1alpha1.StorageSpec;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.v1alpha1.TenantSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Issue 13, finding 3, as a hostile tenant owner tries it: an OpsJob, a NotificationChannel or an
 * AlertSource naming one of the Secrets opsgate keeps in the tenant namespace (its KEK, its CA key, the
 * internal token, the API tokens, the configuration), to have it mounted where the tenant can read it.
 * The shared validator refuses every name opsgate reserves, naming the field; the compiler also refuses
 * the Secrets the Tenant itself names (token Secrets of any name, the TLS Secret, the database
 * credentials), which only it knows.
 */
class SecretReferencesTest {

    /** The condition reason, stable for dashboards; spelt out so this test reads the same before the fix. */
    private static final String RESERVED = "ReservedSecret";

    @ParameterizedTest
    @ValueSource(strings = {"opsgate-kek", "opsgate-tls-ca", "opsgate-tls", "opsgate-internal", "opsgate-config",
            "opsgate-token-prometheus"})
    void theValidatorRefusesEverySecretOpsgateKeepsWhereverATenantObjectNamesOne(String secret) {
        assertThat(ResourceValidator.opsJob(job(secret, "db-admin")).errors())
                .extracting(FieldError::path, FieldError::reason)
                .containsExactly(tuple("spec.credentials[0].secretName", RESERVED));
        assertThat(ResourceValidator.notificationChannel(slack(secret)).errors())
                .extracting(FieldError::path, FieldError::reason)
                .containsExactly(tuple("spec.secretRef.name", RESERVED));
        assertThat(ResourceValidator.alertSource(mail(secret)).errors())
                .extracting(FieldError::path, FieldError::reason)
                .containsExactly(tuple("spec.mail.authSecretRef.name", RESERVED));
        assertThat(ResourceValidator.opsJob(job(secret)).message()).contains(secret, "opsgate");
    }

    @Test
    void theTenantsOwnSecretsStayUsable() {
        assertThat(ResourceValidator.opsJob(job("db-admin", "ssh-key")).isValid()).isTrue();
        assertThat(ResourceValidator.notificationChannel(slack("slack-oncall")).isValid()).isTrue();
        assertThat(ResourceValidator.alertSource(mail("smtp-intake")).isValid()).isTrue();
        // only the prefix is reserved, not every name that mentions opsgate
        assertThat(ResourceValidator.opsJob(job("my-opsgate-backup")).isValid()).isTrue();
    }

    @Test
    void theCompilerLeavesOutObjectsThatNameASecretTheTenantUsesAndKeepsTheRest() {
        Tenant tenant = tenant();
        NotificationChannel tokenThief = channel("token-thief", slack("ci-token"));
        NotificationChannel fine = channel("oncall", slack("slack-oncall"));
        OpsJob dbThief = opsJob("db-thief", job("db-admin", "pg-credentials"));
        OpsJob tlsThief = opsJob("tls-thief", job("corp-tls"));
        OpsJob backup = opsJob("backup", job("db-admin"));
        AlertSource oidcThief = source("oidc-thief", mail("console-oidc"));

        Compilation c = ConfigCompiler.compile(new TenantResources(tenant, List.of(), List.of(),
                List.of(tokenThief, fine), List.of(dbThief, tlsThief, backup), List.of(oidcThief), List.of()));

        assertThat(c.resultFor("NotificationChannel", "token-thief").errors())
                .extracting(FieldError::path, FieldError::reason)
                .containsExactly(tuple("spec.secretRef.name", RESERVED));
        assertThat(c.resultFor("OpsJob", "db-thief").errors())
                .extracting(FieldError::path, FieldError::reason)
                .containsExactly(tuple("spec.credentials[1].secretName", RESERVED));
        assertThat(c.resultFor("OpsJob", "tls-thief").errors())
                .extracting(FieldError::path).containsExactly("spec.credentials[0].secretName");
        assertThat(c.resultFor("AlertSource", "oidc-thief").errors())
                .extracting(FieldError::path).containsExactly("spec.mail.authSecretRef.name");
        assertThat(c.config().excluded).extracting(e -> e.kind + "/" + e.name)
                .containsExactlyInAnyOrder("NotificationChannel/token-thief", "OpsJob/db-thief", "OpsJob/tls-thief",
                        "AlertSource/oidc-thief");
        assertThat(c.config().notificationChannels).extracting(n -> n.name).containsExactly("oncall");
        assertThat(c.config().opsJobs).extracting(n -> n.name).containsExactly("backup");
        assertThat(c.results()).containsKey(new ObjectKey("OpsJob", "backup"));
    }

    private static Tenant tenant() {
        Tenant t = new Tenant();
        t.setMetadata(new ObjectMetaBuilder().withName("acme").withGeneration(1L).build());
        TenantSpec spec = new TenantSpec();
        ApiTokenSpec token = new ApiTokenSpec();
        token.name = "ci";
        token.secretName = "ci-token";
        spec.apiTokens = new ArrayList<>(List.of(token));
        spec.storage = new StorageSpec();
        spec.storage.type = StorageSpec.StorageType.PostgreSQL;
        spec.storage.postgres = new SecretReference("pg-credentials");
        spec.security = new SecuritySpec();
        spec.security.tlsSecretName = "corp-tls";
        spec.console = new io.opsgate.api.v1alpha1.ConsoleSpec();
        spec.console.oidc = new io.opsgate.api.v1alpha1.OidcSpec();
        spec.console.oidc.issuer = "https://login.acme.example";
        spec.console.oidc.clientId = "opsgate";
        spec.console.oidc.clientSecretRef = new SecretReference("console-oidc");
        t.setSpec(spec);
        return t;
    }

    static OpsJobSpec job(String... secrets) {
        OpsJobSpec spec = new OpsJobSpec();
        spec.container = new OpsJobSpec.JobContainer();
        spec.container.image = "busybox:1.36";
        spec.schedule = new OpsJobSpec.ScheduleSpec();
        spec.schedule.cron = "@daily";
        for (String s : secrets) {
            OpsJobSpec.CredentialMount m = new OpsJobSpec.CredentialMount();
            m.secretName = s;
            spec.credentials.add(m);
        }
        return spec;
    }

    static NotificationChannelSpec slack(String secret) {
        NotificationChannelSpec spec = new NotificationChannelSpec();
        spec.type = NotificationChannelSpec.ChannelType.Slack;
        spec.secretRef = new SecretReference(secret);
        return spec;
    }

    static AlertSourceSpec mail(String secret) {
        AlertSourceSpec spec = new AlertSourceSpec();
        spec.type = AlertSourceSpec.SourceType.Mail;
        spec.mail = new AlertSourceSpec.MailSource();
        spec.mail.recipients = new ArrayList<>(List.of("alerts@acme.example"));
        spec.mail.authSecretRef = new SecretReference(secret);
        return spec;
    }

    private static NotificationChannel channel(String name, NotificationChannelSpec spec) {
        NotificationChannel c = new NotificationChannel();
        c.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("opsgate-acme").withGeneration(1L).build());
        c.setSpec(spec);
        return c;
    }

    private static OpsJob opsJob(String name, OpsJobSpec spec) {
        OpsJob j = new OpsJob();
        j.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("opsgate-acme").withGeneration(1L).build());
        j.setSpec(spec);
        return j;
    }

    private static AlertSource source(String name, AlertSourceSpec spec) {
        AlertSource s = new AlertSource();
        s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("opsgate-acme").withGeneration(1L).build());
        s.setSpec(spec);
        return s;
    }
}
